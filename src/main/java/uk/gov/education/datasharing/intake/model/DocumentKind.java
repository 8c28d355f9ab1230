package uk.gov.education.datasharing.intake.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a file was recognised as. {@link #id()} is the value the project's own templates carry in their
 * {@code DfEDocumentKind} document property (docs/adr/0008).
 */
public enum DocumentKind {
    APPLICATION_FORM("application form"),
    SECURITY_QUESTIONNAIRE("information security questionnaire"),
    DATA_TABLES_NPD("NPD data tables"),
    DATA_TABLES_ILR("ILR data tables"),
    DATA_TABLES_HE("HE data tables"),
    DATA_TABLES_SWC("school workforce census data tables"),
    BACKGROUND_CHECK_EVIDENCE("background-check evidence"),
    DATA_SHARING_AGREEMENT("data sharing agreement"),
    MOJ_APPLICATION_FORM("MoJ application form"),
    COMMISSIONED_RESEARCH_FORM("DfE commissioned-research form"),
    OTHER("other document");

    /** The custom document property the project's templates carry, e.g. {@code application-form}. */
    public static final String TEMPLATE_PROPERTY = "DfEDocumentKind";
    /** The template version the project's templates carry beside the kind. */
    public static final String TEMPLATE_VERSION_PROPERTY = "DfETemplateVersion";

    private final String label;

    DocumentKind(String label) {
        this.label = label;
    }

    /** How replies name it. */
    public String label() {
        return label;
    }

    /** The template property value: the name in lower case with hyphens, e.g. {@code data-tables-npd}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<DocumentKind> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (DocumentKind kind : values()) {
            if (kind.id().equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public boolean isDataTables() {
        return name().startsWith("DATA_TABLES_");
    }
}
