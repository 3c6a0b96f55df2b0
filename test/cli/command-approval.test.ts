/** The approval rule of `agente tools call` and `agente eval` (issue 13, defects 2 and 8). */
import { describe, expect, it } from "vitest";
import { commandApprover, requireApproval } from "../../src/cli/command-approval.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { ExposedTool } from "../../src/mcp/tool-hub.js";
import { UserError } from "../../src/util/errors.js";

const t = createTranslator("en");

function tool(annotations: ExposedTool["annotations"], serverRequiresApproval = false): ExposedTool {
  return {
    name: "borrar_empresa",
    originalName: "borrar_empresa",
    server: "erp",
    description: "",
    inputSchema: { type: "object" },
    annotations,
    serverRequiresApproval,
  };
}

describe("command approval", () => {
  it("asks on a terminal and runs only on yes", async () => {
    const questions: string[] = [];
    const yes = commandApprover(undefined, t, async (question) => {
      questions.push(question);
      return "y";
    });
    await expect(requireApproval(tool({ destructiveHint: true }), { nombre: "Acme" }, yes)).resolves.toBe(
      undefined,
    );
    expect(questions).toEqual(['Run borrar_empresa {"nombre":"Acme"}? [y/N] ']);
    const no = commandApprover(undefined, t, async () => "");
    await expect(requireApproval(tool({ destructiveHint: true }), {}, no)).rejects.toThrow(
      "borrar_empresa was not run: you did not approve it",
    );
  });

  it("refuses without a terminal, saying why and how to allow it", async () => {
    const approver = commandApprover(undefined, t, undefined);
    await expect(requireApproval(tool({}, true), {}, approver)).rejects.toThrow(UserError);
    await expect(requireApproval(tool({}, true), {}, approver)).rejects.toThrow(
      'borrar_empresa needs approval (server "erp" has requireApproval in the config) and there is no terminal to ask on: it was not run (--yes allows it)',
    );
  });

  it("--yes approves, and a read-only tool needs nobody", async () => {
    await expect(
      requireApproval(tool({ destructiveHint: true }), {}, commandApprover(true, t, undefined)),
    ).resolves.toBe(undefined);
    await expect(
      requireApproval(tool({ readOnlyHint: true }), {}, commandApprover(undefined, t, undefined)),
    ).resolves.toBe(undefined);
  });

  it("a tool claiming read-only and destructive is asked about", async () => {
    const approver = commandApprover(undefined, t, undefined);
    await expect(
      requireApproval(tool({ readOnlyHint: true, destructiveHint: true }), {}, approver),
    ).rejects.toThrow(/needs approval \(the server marks it destructive\)/);
  });
});
