import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A test that scripts model replies it never uses fails (test/support/unconsumed-replies.ts).
    setupFiles: ["test/support/unconsumed-replies.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Child processes and databases are real: keep parallelism to the two cores we have.
    pool: "forks",
    maxWorkers: 2,
  },
});
