/**
 * The few pages `agente serve` writes on the server rather than in the web chat (the sign-in form, a failed
 * single sign-on): one HTML shell and style, and the one escape for text that is never markup.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;padding:2rem;border-radius:12px;box-shadow:0 2px 12px #0002;max-width:MAX}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #767c89;border-radius:6px;font-size:1rem}
button{margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f4fd1;color:#fff;font-size:1rem}
.error{color:#a4161a}`;

/** A small page: `title` is catalogue text, `body` is HTML already escaped where it holds outside text. */
export function smallPage(options: {
  language: string;
  title: string;
  body: string;
  maxWidth?: string;
}): string {
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>
${STYLE.replace("MAX", options.maxWidth ?? "24rem")}
</style>
</head>
<body>
<main>
<h1>agente</h1>
${options.body}
</main>
</body>
</html>
`;
}
