/**
 * @modelcontextprotocol/server-google-maps, the real npm package started from node_modules. No test
 * calls Google (no network here): with a key it must start and list its tools; without one it must
 * fail to start with a message naming the variable, never hang.
 */
import { describe, expect, it } from "vitest";
import { communityServer } from "../../src/config/starter-config.js";
import { connectStdio } from "../../src/testing/connect-stdio.js";

describe("@modelcontextprotocol/server-google-maps", () => {
  // A server that hung instead of failing would run into this test's own timeout.
  it("without GOOGLE_MAPS_API_KEY fails to start, saying which variable to set", {
    timeout: 15_000,
  }, async () => {
    const failure = await connectStdio(communityServer("googleMaps")).then(
      async (session) => {
        await session.close();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain("GOOGLE_MAPS_API_KEY environment variable is not set");
  });

  it("with a key starts and lists its tools without calling Google", async () => {
    const session = await connectStdio(communityServer("googleMaps"), {
      GOOGLE_MAPS_API_KEY: process.env.GOOGLE_MAPS_API_KEY ?? "test-key-not-used",
    });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(["maps_geocode", "maps_search_places", "maps_directions"]),
      );
    } finally {
      await session.close();
    }
  });
});
