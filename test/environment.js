/**
 * Jest's node environment, which also tells the test file that its current test has failed (a
 * flag on the test's global), so that an afterEach can leave evidence before it cleans up: the
 * browser suites print what each open page showed (test/browser/support.ts).
 */
import { TestEnvironment } from 'jest-environment-node';

export default class InnoserveEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name === 'test_start') this.global.__innoserveFailedTest = undefined;
    if (event.name === 'test_fn_failure' || (event.name === 'hook_failure' && event.test)) this.global.__innoserveFailedTest = event.test.name;
  }
}
