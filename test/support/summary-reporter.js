/**
 * Prints one plain closing line after Jest's own summary — "jest: N passed, N failed, N skipped" —
 * so any tool (and any person) reads the outcome the same way, skipped tests included.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
