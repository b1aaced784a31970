// @ts-check
/**
 * A minimal test runner for the web client's DOM-free modules, run in a real browser: no test
 * framework to install. Results go to `window.testResults` for the JUnit side to read.
 */

/** @typedef {{name: string, passed: boolean, message: string}} TestResult */

/** @type {{name: string, body: () => unknown}[]} */
const tests = [];

/**
 * Registers a test.
 * @param {string} name
 * @param {() => unknown} body may return a promise
 */
export function test(name, body) {
  tests.push({ name, body });
}

/**
 * @param {unknown} actual
 * @param {unknown} expected
 * @param {string} [what]
 */
export function assertEquals(actual, expected, what = 'value') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: expected ${e} but was ${a}`);
  }
}

/**
 * @param {unknown} condition
 * @param {string} message
 */
export function assertTrue(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/**
 * Runs every registered test in order and publishes the results.
 * @returns {Promise<TestResult[]>}
 */
export async function run() {
  /** @type {TestResult[]} */
  const results = [];
  for (const { name, body } of tests) {
    try {
      await body();
      results.push({ name, passed: true, message: '' });
    } catch (e) {
      results.push({ name, passed: false, message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
    }
  }
  const output = document.getElementById('results');
  if (output) {
    output.textContent = results.map((r) => `${r.passed ? 'PASS' : 'FAIL'} ${r.name}${r.passed ? '' : `: ${r.message}`}`).join('\n');
  }
  /** @type {any} */ (window).testResults = { done: true, results };
  return results;
}
