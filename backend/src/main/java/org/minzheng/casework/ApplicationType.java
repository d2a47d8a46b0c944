package org.minzheng.casework;

import java.util.Map;

/**
 * One kind of application (低保, 适老化改造, ...), supplied by its domain as a bean: its workflow, and what
 * its form must hold. The engine enforces the workflow; the domain knows the form.
 */
public interface ApplicationType {

    String type();

    Workflow workflow();

    /** Checks a form (a draft's or a submitted one); fails with a DomainException naming the fields. */
    void validate(Map<String, Object> form);
}
