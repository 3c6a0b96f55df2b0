/** The seed's company server over stdio, for end-to-end tests that start it as a child process. */
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { createCompanyServer } from "./company-server.js";

const server = createCompanyServer({
  passages: [
    {
      text: "Empresa X: cliente desde 2019.",
      source: "clientes.md",
      position: 1,
      score: 0.8,
      documentId: "c1",
      collection: "default",
    },
  ],
});
await server.connect(new StdioServerTransport());
