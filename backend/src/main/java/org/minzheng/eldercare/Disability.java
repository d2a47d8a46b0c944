package org.minzheng.eldercare;

/** 失能等级 from the care-needs assessment: none, mild (轻度), moderate (中度), severe (重度). */
public enum Disability {
    NONE("未失能"), MILD("轻度失能"), MODERATE("中度失能"), SEVERE("重度失能");

    private final String label;

    Disability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
