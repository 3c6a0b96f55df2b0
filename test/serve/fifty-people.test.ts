/**
 * 50 people at once, 3 turns each, through real HTTP to `agente serve`'s app: the scripted model echoes
 * each question, which carries a secret of its asker. No answer reaches the wrong person, and every
 * stored conversation holds only its owner's words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../../src/serve/team/person.js";
import { bearer, startTeamApp, type TeamApp } from "./support/team-data-app.js";

const PEOPLE: Person[] = Array.from({ length: 50 }, (_, index) => ({
  id: `u-${index}`,
  name: `persona${index}`,
  role: index % 2 === 0 ? "member" : "admin",
  via: "token",
}));
const secretOf = (person: Person) => `secreto-${person.id}-x`;

describe("50 people at once", { timeout: 120_000 }, () => {
  let team: TeamApp;
  beforeAll(async () => {
    team = await startTeamApp({ people: PEOPLE });
  });
  afterAll(async () => {
    await team?.close();
  });

  it("3 turns each: every answer and every conversation holds only its owner's words", async () => {
    const post = async (
      person: Person,
      path: string,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${team.url}${path}`, {
        method: "POST",
        headers: { ...bearer(person), ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const answers = await Promise.all(
      PEOPLE.map(async (person) => {
        const session = String((await post(person, "/api/sessions", {})).id);
        const said: string[] = [];
        for (let turn = 1; turn <= 3; turn++) {
          const reply = (await post(
            person,
            "/v1/chat/completions",
            { model: "agente", messages: [{ role: "user", content: `turno ${turn} ${secretOf(person)}` }] },
            { "x-agente-session": session },
          )) as { choices: Array<{ message: { content: string } }> };
          said.push(reply.choices[0]?.message.content ?? "");
        }
        return { person, session, said };
      }),
    );
    let turns = 0;
    for (const { person, session, said } of answers) {
      expect(said).toEqual([1, 2, 3].map((turn) => `eco: turno ${turn} ${secretOf(person)}`));
      turns += said.length;
      const stored = await team.store.messages(session);
      expect(stored).toHaveLength(6);
      const others = PEOPLE.filter((other) => other !== person).map(secretOf);
      const text = JSON.stringify(stored);
      expect(text).toContain(secretOf(person));
      expect(others.filter((secret) => text.includes(`${secret}`))).toEqual([]);
      expect((await team.store.listSessions(person.id)).map((listed) => listed.id)).toEqual([session]);
    }
    expect(turns).toBe(150);
  });
});
