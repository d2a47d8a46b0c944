package org.minzheng.counseling;

/** What a resident seeks counsel on; a counselor serves some of them. */
public enum Topic {
    MARRIAGE_PREPARATION, FAMILY_CONFLICT, DIVORCE, CUSTODY, INHERITANCE, DOMESTIC_VIOLENCE, ELDERLY_SUPPORT, OTHER
}
