package uk.gov.education.datasharing.intake.validate;

/**
 * What a reader took from one document that a later version of the case can build on: a form's answers or
 * a workbook's requests. Sealed between messages under the gateway's state key (docs/adr/0010).
 */
public sealed interface ReadPart permits FormAnswers, DataTables {
}
