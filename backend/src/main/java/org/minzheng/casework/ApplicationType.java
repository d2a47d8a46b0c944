package org.minzheng.casework;

import java.util.Map;

/**
 * One kind of application (低保, 适老化改造, ...), supplied by its domain as a bean: its workflow, what its
 * form must hold and what documents it takes. The engine enforces the workflow and the document rules; the
 * domain knows the form.
 */
public interface ApplicationType {

    String type();

    Workflow workflow();

    /** Checks a form (a draft's or a submitted one); fails with a DomainException naming the fields. */
    void validate(Map<String, Object> form);

    default DocumentRules documentRules() {
        return DocumentRules.DEFAULT;
    }
}
