package org.minzheng.counseling;

import java.util.List;

/** A counselor as residents see them, with the room where in-person sessions are held. */
public record CounselorCard(long id, String name, Counselor.Profession profession, String introduction, List<String> topics,
        List<String> languages, List<String> modes, Room room) {

    public record Room(long id, String name, String address, String streetCode) {
    }

    public static CounselorCard of(Counselor c, org.minzheng.booking.ServicePoint room) {
        return new CounselorCard(c.id, c.name, c.profession, c.introduction, List.of(c.topics), List.of(c.languages),
                List.of(c.modes), new Room(room.id, room.name, room.address, room.streetCode));
    }
}
