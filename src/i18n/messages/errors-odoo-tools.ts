/**
 * Errors of the Odoo tools' own rules (filters, the model allowlist, protected fields, records not found),
 * as a person reads them in `agente tools call`. Keys start with `errorsOdooTools.`.
 */
import type { MessageTable } from "./message-table.js";

export const errorsOdooToolsMessages = {
  "errorsOdooTools.modelNotAllowed": {
    en: "Model {model} is not in agente's Odoo allowlist.",
    es: "El modelo {model} no está en la lista de modelos de Odoo permitidos por agente.",
  },
  "errorsOdooTools.modelNotAllowedHint": {
    en: "Use one of: {models} (an administrator can extend ODOO_MODELS).",
    es: "Usa uno de: {models} (un administrador puede ampliar ODOO_MODELS).",
  },
  "errorsOdooTools.protectedField": {
    en: "Field {field} of {model} is protected and never read through agente.",
    es: "El campo {field} de {model} está protegido y agente nunca lo lee.",
  },
  "errorsOdooTools.protectedFilter": {
    en: "Field {field} of {model} is protected and cannot be used in a filter.",
    es: "El campo {field} de {model} está protegido y no se puede usar en un filtro.",
  },
  "errorsOdooTools.leaveFieldOut": { en: "Leave that field out.", es: "Quita ese campo." },
  "errorsOdooTools.leaveFilterOut": { en: "Leave that filter out.", es: "Quita ese filtro." },
  "errorsOdooTools.didYouMean": { en: "Did you mean: {fields}?", es: "¿Querías decir: {fields}?" },
  "errorsOdooTools.checkFieldName": { en: "Check the field name.", es: "Comprueba el nombre del campo." },
  "errorsOdooTools.tooManyFilters": {
    en: "Too many filters ({count}); at most {max}.",
    es: "Demasiados filtros ({count}); como mucho {max}.",
  },
  "errorsOdooTools.tooManyFiltersHint": {
    en: "Keep the filters that matter.",
    es: "Deja solo los filtros que importan.",
  },
  "errorsOdooTools.badOperator": {
    en: 'Operator "{operator}" is not supported.',
    es: 'El operador "{operator}" no está soportado.',
  },
  "errorsOdooTools.useOneOf": { en: "Use one of: {values}.", es: "Usa uno de: {values}." },
  "errorsOdooTools.notFieldName": {
    en: '"{path}" is not a field name (use "field" or "relation.field").',
    es: '"{path}" no es un nombre de campo (usa "campo" o "relación.campo").',
  },
  "errorsOdooTools.notFieldNameHint": {
    en: "Use technical field names such as partner_id.name.",
    es: "Usa nombres técnicos de campo, como partner_id.name.",
  },
  "errorsOdooTools.notRelation": {
    en: '"{field}" on {model} is not a relation, so "{path}" cannot be followed.',
    es: '"{field}" en {model} no es una relación, así que no se puede seguir "{path}".',
  },
  "errorsOdooTools.notRelationHint": {
    en: "Filter on the field itself.",
    es: "Filtra por el propio campo.",
  },
  "errorsOdooTools.relationNotAllowed": {
    en: '"{path}" goes through {model}, which is not in the allowlist.',
    es: '"{path}" pasa por {model}, que no está en la lista de modelos permitidos.',
  },
  "errorsOdooTools.relationNotAllowedHint": {
    en: 'Filter on "{field}" by id instead.',
    es: 'Filtra por el id de "{field}" en su lugar.',
  },
  "errorsOdooTools.oneValue": {
    en: '"{operator}" on "{path}" takes one value, not a list.',
    es: '"{operator}" en "{path}" admite un valor, no una lista.',
  },
  "errorsOdooTools.oneValueHint": {
    en: 'Use "in" to match any value of a list.',
    es: 'Usa "in" para aceptar cualquier valor de una lista.',
  },
  "errorsOdooTools.needsValue": {
    en: '"{operator}" on "{path}" needs a value.',
    es: '"{operator}" en "{path}" necesita un valor.',
  },
  "errorsOdooTools.needsValueHint": {
    en: 'Use "=" false for "not set".',
    es: 'Usa "=" false para "sin valor".',
  },
  "errorsOdooTools.needsText": {
    en: '"{operator}" on "{path}" needs text.',
    es: '"{operator}" en "{path}" necesita texto.',
  },
  "errorsOdooTools.needsTextHint": { en: "Give a text value.", es: "Da un valor de texto." },
  "errorsOdooTools.textOnly": {
    en: '"{path}" is a {type} field; "{operator}" only works on text.',
    es: '"{path}" es un campo {type}; "{operator}" solo funciona con texto.',
  },
  "errorsOdooTools.textOnlyHint": { en: 'Use "=", ">" or "<".', es: 'Usa "=", ">" o "<".' },
  "errorsOdooTools.notBoolean": {
    en: '"{path}" is true/false; got {value}.',
    es: '"{path}" es verdadero/falso; se recibió {value}.',
  },
  "errorsOdooTools.notBooleanHint": { en: "Use true or false.", es: "Usa true o false." },
  "errorsOdooTools.orderOnBoolean": {
    en: '"{operator}" makes no sense on true/false "{path}".',
    es: '"{operator}" no tiene sentido en el campo verdadero/falso "{path}".',
  },
  "errorsOdooTools.orderOnBooleanHint": { en: 'Use "=".', es: 'Usa "=".' },
  "errorsOdooTools.needsRecord": {
    en: '"{path}" needs a record id or a name.',
    es: '"{path}" necesita el id o el nombre de un registro.',
  },
  "errorsOdooTools.needsRecordHint": {
    en: 'Use an id, or filter on "{path}.name".',
    es: 'Usa un id, o filtra por "{path}.name".',
  },
  "errorsOdooTools.notDate": {
    en: '"{path}" is a date; got {value}.',
    es: '"{path}" es una fecha; se recibió {value}.',
  },
  "errorsOdooTools.notDateHint": { en: "Use YYYY-MM-DD.", es: "Usa AAAA-MM-DD." },
  "errorsOdooTools.notChoice": {
    en: '"{path}" cannot be {value}.',
    es: '"{path}" no puede ser {value}.',
  },
  "errorsOdooTools.notNumber": {
    en: '"{path}" is a number; got {value}.',
    es: '"{path}" es un número; se recibió {value}.',
  },
  "errorsOdooTools.notNumberHint": { en: "Give a number.", es: "Da un número." },
  "errorsOdooTools.badOrder": {
    en: 'Cannot sort {model} by "{order}".',
    es: 'No se puede ordenar {model} por "{order}".',
  },
  "errorsOdooTools.badOrderHint": {
    en: 'Use one field name, optionally followed by "asc" or "desc".',
    es: 'Usa un nombre de campo, seguido si quieres de "asc" o "desc".',
  },
  "errorsOdooTools.noOrder": {
    en: "No sales order {order}.",
    es: "No hay ningún pedido de venta {order}.",
  },
  "errorsOdooTools.noOrderHint": {
    en: "Find the order number with listar_pedidos.",
    es: "Busca el número de pedido con listar_pedidos.",
  },
  "errorsOdooTools.noStage": {
    en: 'No CRM stage is named "{stage}".',
    es: 'Ninguna etapa del CRM se llama "{stage}".',
  },
  "errorsOdooTools.noLead": {
    en: "No lead or opportunity has id {id}.",
    es: "Ningún lead ni oportunidad tiene el id {id}.",
  },
  "errorsOdooTools.noLeadHint": {
    en: "Find the id with listar_oportunidades.",
    es: "Busca el id con listar_oportunidades.",
  },
} as const satisfies MessageTable;
