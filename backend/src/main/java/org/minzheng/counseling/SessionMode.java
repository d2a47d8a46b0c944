package org.minzheng.counseling;

/** How a session is held: at the counselor's counseling room, by video (the counselor gives the link) or by phone. */
public enum SessionMode {
    IN_PERSON, VIDEO, PHONE
}
