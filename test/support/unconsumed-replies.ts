/** Setup for every test file: a test that leaves scripted model replies unused fails (src/testing/script-ledger.ts). */
import { afterEach } from "vitest";
import { scriptLedger } from "../../src/testing/script-ledger.js";

afterEach(() => {
  scriptLedger.settle();
});
