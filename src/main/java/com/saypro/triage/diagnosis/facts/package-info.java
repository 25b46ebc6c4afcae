/**
 * The facts rule authors work with. Input facts ({@link Alert}, {@link MetricSample},
 * {@link LogEvent}, {@link TransactionTrace}, {@link ChangeEvent}, {@link Answer},
 * {@link IncidentContext}) are small and immutable; derived facts ({@link Symptom},
 * {@link CandidateCause}, {@link Question}, {@link PlaybookRecommendation}) are what rules
 * insert, normally with {@code insertLogical} so they disappear when their reasons do.
 * See rules/README.md for the authoring guide.
 */
package com.saypro.triage.diagnosis.facts;
