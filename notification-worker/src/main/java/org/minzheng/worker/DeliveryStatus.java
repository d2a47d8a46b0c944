package org.minzheng.worker;

/** Where one message stands in the delivery log. */
public enum DeliveryStatus {
    /** A send is under way; its lease says until when the sender is presumed alive. */
    SENDING(false),
    /** WeChat was busy or unreachable; tried again after a backoff. */
    RETRYING(false),
    /** Staff asked for another try of a failed message. */
    REPLAY(false),
    SENT(true),
    /** The resident has no consent left for this template; the inbox has the message. */
    NO_CONSENT(true),
    /** WeChat said the resident withdrew consent (43101); the quota was zeroed. */
    CONSENT_REVOKED(true),
    /** WeChat refused the message itself (bad template, field, page or openid); retrying cannot help. */
    REJECTED(true),
    /** Still failing after every retry: dead-lettered, replayable by staff. */
    FAILED(true),
    /** A sender died mid-send: WeChat may or may not have delivered it, so it is not sent again on its own. */
    UNCONFIRMED(true),
    /** No WeChat template for this message: the inbox is its only channel. */
    INBOX_ONLY(true);

    private final boolean settled;

    DeliveryStatus(boolean settled) {
        this.settled = settled;
    }

    /** Settled messages are acked and never sent again without a replay. */
    public boolean settled() {
        return settled;
    }
}
