package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sealed reader results of a case's newest documents, one row per part (form, questionnaire, tables per source). */
public final class DocumentStates {

    /** Sealed values longer than this are not kept (the part is then not merged into later versions). */
    public static final int MAX_SEALED_CHARS = 10_000_000;

    public void put(Connection c, String reference, String part, int version, String sealed) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from document_state where case_reference = ? and part = ?")) {
            delete.setString(1, reference);
            delete.setString(2, part);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "insert into document_state (case_reference, part, version, sealed) values (?, ?, ?, ?)")) {
            insert.setString(1, reference);
            insert.setString(2, part);
            insert.setInt(3, version);
            insert.setString(4, sealed);
            insert.executeUpdate();
        }
    }

    /** Part to sealed value. */
    public Map<String, String> all(Connection c, String reference) throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("select part, sealed from document_state where case_reference = ? order by part")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return states;
    }
}
