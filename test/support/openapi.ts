/**
 * Holds a real answer to the committed OpenAPI document (docs/openapi.json): the body must match
 * the schema the document gives the operation's answer with that status, as the response
 * conformance check of the API fuzz (scripts/fuzz-api.sh, schemathesis) demands in CI. OpenAPI
 * 3.0's `nullable` is one of Ajv's own keywords; uuid, date and date-time come from ajv-formats.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { TestResponse } from './app.js';

const DOC_ID = 'openapi.json';
const doc = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
};

// both are CommonJS modules whose `default` is the module itself: the same under Node's ESM and TypeScript's view
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(doc, DOC_ID);

const compiled = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The validator of an operation's JSON answer with this status (`route` as the document spells it: /api/v1/programs/{id}). */
function validatorOf(method: string, route: string, status: number): ValidateFunction {
  const key = `${method} ${route} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = doc.paths[route]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema || Object.keys(schema).length === 0) throw new Error(`docs/openapi.json gives ${key} no JSON schema`);
    validate = ajv.compile({ $ref: `${DOC_ID}#/${pointer('paths', route, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}` });
    compiled.set(key, validate);
  }
  return validate;
}

/** Where the answer disagrees with the document ([] when it conforms). */
export function answerDisagreements(method: string, route: string, res: Pick<TestResponse, 'status' | 'body'>): string[] {
  const validate = validatorOf(method, route, res.status);
  if (validate(res.body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

/** Expects the answer to be what docs/openapi.json says the operation answers with its status. */
export function expectDocumentedAnswer(method: string, route: string, res: Pick<TestResponse, 'status' | 'body'>): void {
  expect({ route: `${method} ${route} ${res.status}`, disagreements: answerDisagreements(method, route, res) }).toEqual({ route: `${method} ${route} ${res.status}`, disagreements: [] });
}
