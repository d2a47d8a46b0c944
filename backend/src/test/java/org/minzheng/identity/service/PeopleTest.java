package org.minzheng.identity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.IdNumber;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Acting for oneself or a dependant: what bookings and applications will rely on. */
@QuarkusTest
class PeopleTest {

    @Inject
    People people;

    private People.Person actingFor(long resident, Long dependant) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> people.actingFor(resident, dependant));
    }

    private static void refused(ThrowingCall call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    interface ThrowingCall {
        void run() throws Throwable;
    }

    @Test
    void selfAndActiveDependantsOnly() throws Throwable {
        String me = TestIds.nanshan(LocalDate.of(1980, 4, 4), true);
        String mother = TestIds.nanshan(LocalDate.of(1945, 5, 5), false);
        Logins.Session s = Logins.verifiedResident("孙悟空", me);
        long dependant = s.as().contentType(ContentType.JSON)
                .body(Map.of("name", "孙大娘", "idNumber", mother, "relation", "PARENT", "consentStatement", "同意"))
                .post("/api/v1/me/dependants").then().statusCode(201).extract().jsonPath().getLong("id");

        People.Person self = actingFor(s.id(), null);
        assertThat(self.idNumber()).isEqualTo(me);
        assertThat(self.reference()).isEqualTo("resident:" + s.id());
        assertThat(self.toString()).doesNotContain(me).doesNotContain("孙悟空");

        People.Person mum = actingFor(s.id(), dependant);
        assertThat(mum.idNumber()).isEqualTo(mother);
        assertThat(mum.sex()).isEqualTo(IdNumber.Sex.FEMALE);
        assertThat(mum.birthDate()).isEqualTo(LocalDate.of(1945, 5, 5));

        Logins.Session other = Logins.verifiedResident("猪八戒", TestIds.adultMale());
        refused(() -> actingFor(other.id(), dependant), "DEPENDANT_NOT_FOUND");

        s.as().delete("/api/v1/me/dependants/" + dependant).then().statusCode(204);
        refused(() -> actingFor(s.id(), dependant), "DEPENDANT_NOT_FOUND");
    }

    @Test
    void unverifiedResidentsActForNobody() {
        Logins.Session s = Logins.newResident();
        refused(() -> actingFor(s.id(), null), "IDENTITY_NOT_VERIFIED");
    }
}
