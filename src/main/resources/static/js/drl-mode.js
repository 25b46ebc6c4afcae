// DRL (Drools rule language) for CodeMirror 5: the clike mode with Java's words and the
// words of rules (rule, when, then, end, salience, not, exists, accumulate, insertLogical...).
(function () {
  function words(text) {
    const set = {};
    text.split(' ').forEach(function (w) { set[w] = true; });
    return set;
  }

  CodeMirror.defineMIME('text/x-drl', {
    name: 'clike',
    keywords: words('package import function global declare query rule when then end extends ' +
      'salience agenda-group activation-group ruleflow-group no-loop lock-on-active auto-focus date-effective ' +
      'date-expires enabled dialect duration timer calendars attributes ' +
      'and or not exists forall accumulate collect from entry-point eval over window init action reverse result ' +
      'matches memberOf contains soundslike in str after before coincides during finishes includes meets ' +
      'overlappedby overlaps starts ' +
      'insert insertLogical update modify retract delete drools kcontext ' +
      'new return if else for while do break continue switch case default instanceof this super try catch finally ' +
      'throw final static var'),
    types: words('String Integer Long Double Float Boolean Character Byte Short Number Object Math List Map Set ' +
      'Collection ArrayList HashMap HashSet Instant Duration LocalDate LocalDateTime BigDecimal ' +
      'Alert MetricSample LogEvent TransactionTrace ChangeEvent Answer IncidentContext AlertReading LogFinding ' +
      'SystemWorkflow SystemComponent Symptom CandidateCause Question PlaybookRecommendation ' +
      'int long double float boolean char byte short void'),
    blockKeywords: words('rule when then if else for while do try catch finally switch'),
    atoms: words('true false null'),
    number: /^(?:0x[a-f\d_]+|0b[01_]+|(?:[\d_]+\.?\d*|\.\d+)(?:e[-+]?[\d_]+)?)(u|ll?|l|f)?/i,
    hooks: {
      // @cause("..."), @group("...") and the other annotations, as Java shows them.
      '@': function (stream) {
        stream.eatWhile(/[\w\$_]/);
        return 'meta';
      },
      // $bindings read as variables.
      '$': function (stream) {
        stream.eatWhile(/[\w\$_]/);
        return 'variable-2';
      }
    },
    modeProps: { fold: ['brace'] }
  });
})();
