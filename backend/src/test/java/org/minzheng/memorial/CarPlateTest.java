package org.minzheng.memorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.minzheng.common.error.DomainException;

class CarPlateTest {

    @ParameterizedTest
    @CsvSource({
            "粤B12345, 粤B12345, STANDARD",
            "粤b 1234a, 粤B1234A, STANDARD",
            "京A·F0236, 京AF0236, STANDARD",
            "粤B1234学, 粤B1234学, STANDARD",
            "粤BD12345, 粤BD12345, NEW_ENERGY",
            "沪AF12345, 沪AF12345, NEW_ENERGY",
            "粤B12345D, 粤B12345D, NEW_ENERGY",
            "粤Z1234港, 粤Z1234港, CROSS_BORDER",
            "粤ZA123澳, 粤ZA123澳, CROSS_BORDER" })
    void readsMainlandNewEnergyAndCrossBorderPlates(String raw, String value, CarPlate.Kind kind) {
        CarPlate plate = CarPlate.parse(raw, "plate");
        assertThat(plate.value()).isEqualTo(value);
        assertThat(plate.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "粤B1234", "粤B123456", "粤BI2345", "粤BO2345", "AB12345", "粤112345", "粤BX12345",
            "粤BD1234A", "粤B1234D5", "粤Z12345", "京Z1234港", "粤Z1234台", "粤B12345DD" })
    void refusesWhatNoGateCouldRead(String raw) {
        assertThatThrownBy(() -> CarPlate.parse(raw, "plate")).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("INVALID_CAR_PLATE");
    }

    @ParameterizedTest
    @CsvSource({ "粤B12345, 粤B***45", "粤BD12345, 粤B****45" })
    void masksAllButTheEnds(String raw, String masked) {
        assertThat(CarPlate.parse(raw, "plate").masked()).isEqualTo(masked);
    }
}
