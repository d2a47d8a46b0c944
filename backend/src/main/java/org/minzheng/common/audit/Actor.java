package org.minzheng.common.audit;

/** Who did something, as the audit log records it. */
public record Actor(AuditEntry.ActorKind kind, String id) {

    public static final Actor SYSTEM = new Actor(AuditEntry.ActorKind.SYSTEM, "system");

    public static Actor staff(long id) {
        return new Actor(AuditEntry.ActorKind.STAFF, Long.toString(id));
    }

    public static Actor resident(long id) {
        return new Actor(AuditEntry.ActorKind.RESIDENT, Long.toString(id));
    }
}
