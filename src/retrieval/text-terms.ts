/**
 * Text → index terms for the lexical ranker, for Spanish and English: lower case, accents removed, stop
 * words dropped, a light stem (plural `s` removed, then the first five letters, which folds `empresa` /
 * `empresas`, `consultar` / `consulta`, `document` / `documento`), and a small bilingual vocabulary of the
 * seed's domain so that an English question finds a Spanish tool and the other way round.
 */

const STOP_WORDS = new Set(
  (
    "a al algo algun alguna con cual cuales cuanto cuantos de del dame dime el en es esta este esto hay la las " +
    "le lo los me mi mis muy necesito o para pero podrias por porfa puedes que quiero se sea ser si sobre su sus " +
    "te tu un una unas uno unos y ya favor " +
    "an and are be can could do does for from have how i in is it its me my of on or please should some " +
    "that the their them this to want was what which who will with would you your"
  ).split(" "),
);

/**
 * Groups of words that mean the same thing here, Spanish and English together. A question's word pulls in
 * the other words of its group at a lower weight.
 */
const SYNONYM_GROUPS: readonly string[] = [
  "empresa compañia company companies firm business negocio",
  "cliente customer client",
  "contacto contact persona person",
  "documento document doc documentacion",
  "archivo fichero file",
  "carpeta directorio folder directory",
  "buscar busca busco search find look encontrar localizar",
  "consultar obtener ver mostrar get show fetch dame details datos informacion info",
  "listar lista list todos all",
  "crear nuevo nueva añadir alta create new add",
  "actualizar cambiar modificar update change modify edit editar",
  "borrar eliminar olvidar delete remove forget",
  "factura invoice bill facturacion",
  "pedido order",
  "venta sale sales vender",
  "oportunidad opportunity deal lead",
  "producto product articulo item",
  "correo email mail",
  "enviar mandar send",
  "reunion evento cita meeting event appointment",
  "calendario agenda calendar",
  "tarea task pendiente",
  "tiempo clima weather",
  "ciudad city",
  "direccion address",
  "ruta llegar llego directions route indicaciones",
  "distancia distance lejos far",
  "coche car conducir drive driving",
  "moneda divisa currency",
  "convertir convert",
  "cambio exchange tipo rate",
  "traducir translate traduccion translation",
  "calcular calculate calcula compute",
  "hora time",
  "pagina web page url",
  "tabla table",
  "columna column campo field",
  "base database bd",
  "sql query consulta select",
  "recordar recuerda recuerdame memorizar guardar remember save store memoriza apunta anota",
  "memoria memory",
  "resumen resumir summary summarize",
  "escribir write",
  "leer lee read abrir abre open contenido content contents",
  "mover renombrar move rename",
  "informe report",
  "actividad activity llamada call",
  "telefono phone",
  "empleado employee plantilla staff",
  "indexar index ingest ingerir",
  "similar parecido parecidos related",
  "lugar sitio place restaurante restaurant",
  "coordenada coordinate coordenadas latitud longitud latitude longitude",
  "vencida overdue impagada unpaid",
  "pagada paid",
  "etapa stage fase",
  "comercial salesperson vendedor",
  "estructura structure esquema schema describe describir",
  "plan explain rendimiento performance lenta slow",
];

/** Lower case, accents removed (ñ kept as n), everything but letters and digits as space. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function stem(word: string): string {
  const singular = word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
  return singular.length > 5 ? singular.slice(0, 5) : singular;
}

/** The words of `text` worth indexing (normalized, stop words out). */
export function contentWords(text: string): string[] {
  return normalizeText(text.replace(/([a-z0-9])([A-Z])/g, "$1 $2"))
    .split(" ")
    .filter((word) => word !== "" && !STOP_WORDS.has(word));
}

export function terms(text: string): string[] {
  return contentWords(text).map(stem);
}

export interface ExpandedTerm {
  term: string;
  /** 1 for a word of the question, less for a synonym it pulled in. */
  weight: number;
  /** The question's word it came from, for the explanation. */
  source: string;
}

/** Builds the synonym index once per ranker. */
export function buildSynonyms(groups: readonly string[] = SYNONYM_GROUPS): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const group of groups) {
    const stems = [...new Set(contentWordsAllowingStopWords(group).map(stem))];
    for (const term of stems) index.set(term, [...new Set([...(index.get(term) ?? []), ...stems])]);
  }
  return index;
}

function contentWordsAllowingStopWords(text: string): string[] {
  return normalizeText(text)
    .split(" ")
    .filter((word) => word !== "");
}

/** The question's terms plus their synonyms (weight `synonymWeight`), each term once at its best weight. */
export function expandQuery(
  text: string,
  synonyms: Map<string, string[]>,
  synonymWeight = 0.6,
): ExpandedTerm[] {
  const best = new Map<string, ExpandedTerm>();
  const offer = (candidate: ExpandedTerm) => {
    const current = best.get(candidate.term);
    if (current === undefined || current.weight < candidate.weight) best.set(candidate.term, candidate);
  };
  for (const word of contentWords(text)) {
    const term = stem(word);
    offer({ term, weight: 1, source: word });
    for (const synonym of synonyms.get(term) ?? [])
      if (synonym !== term) offer({ term: synonym, weight: synonymWeight, source: word });
  }
  return [...best.values()];
}
