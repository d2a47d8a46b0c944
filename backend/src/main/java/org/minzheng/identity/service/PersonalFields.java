package org.minzheng.identity.service;

/**
 * Names of the encrypted columns (bound into each ciphertext as associated data) and of the blind
 * index kinds shared across capabilities.
 */
public final class PersonalFields {

    public static final String RESIDENT_NAME = "resident.name";
    public static final String RESIDENT_ID_NUMBER = "resident.id_number";
    public static final String RESIDENT_PHONE = "resident.phone";
    public static final String DEPENDANT_NAME = "dependant.name";
    public static final String DEPENDANT_ID_NUMBER = "dependant.id_number";
    public static final String DEPENDANT_CONSENT = "dependant.consent_statement";

    /** Chinese names (with · for some minorities) or Latin names of HK/Macao/Taiwan and foreign residents. */
    public static final String NAME_PATTERN = "^[\\p{IsHan}\\p{IsLatin}·・.' -]{2,50}$";

    /** Blind index kinds: the same ID number has the same index wherever it is stored. */
    public static final String ID_NUMBER = "ID_NUMBER";
    public static final String PHONE = "PHONE";

    private PersonalFields() {
    }
}
