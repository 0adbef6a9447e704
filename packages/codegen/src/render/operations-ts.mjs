// @ts-check
/**
 * A client package's `src/generated/operations.ts`: the version's operations as data (`OPERATIONS`,
 * what the runtime turns into methods), their types (`Operations`, read from openapi-typescript's
 * `operations`), and the kubeconfig conveniences (`Conveniences`).
 */
import { HEADER_COMMENT, quote } from './text.mjs';

/** @import { Client, Operation, Parameter } from '../model.mjs' */

/**
 * What the runtime reads of an operation: no samples, no documentation.
 * @param {Operation} operation
 */
const runtimeOperation = ({ method, path, parameters, body, success, convenience, pagination, resource, waiters }) => ({
  method,
  path,
  parameters,
  ...(body && { body }),
  success,
  ...(convenience && { convenience }),
  ...(pagination && { pagination }),
  ...(waiters && { resource, waiters }),
});

/**
 * The TypeScript type of one argument.
 * @param {Operation} operation
 * @param {Parameter} parameter
 */
const argumentType = (operation, parameter) =>
  `NonNullable<SpecOperations[${quote(operation.id)}]['parameters'][${quote(parameter.in)}]>[${quote(parameter.name)}]`;

/**
 * The TypeScript type of the success body: the schema's for a body, `string` without one.
 * @param {Operation} operation
 */
function dataType(operation) {
  const { status, contentType } = operation.success;
  return contentType
    ? `SpecOperations[${quote(operation.id)}]['responses'][${status}]['content'][${quote(contentType)}]`
    : 'string';
}

/**
 * The TypeScript type of the request body, sent as written.
 * @param {Operation} operation
 * @param {NonNullable<Operation['body']>} body
 */
const bodyType = (operation, body) =>
  `NonNullable<SpecOperations[${quote(operation.id)}]['requestBody']>['content'][${quote(body.contentType)}]`;

/** @param {Operation} operation */
function operationTypes(operation) {
  const { body } = operation;
  const inputs = [
    ...operation.parameters.map(
      (parameter) => `      ${parameter.key}${parameter.required ? '' : '?'}: ${argumentType(operation, parameter)};`,
    ),
    ...(body ? [`      body${body.required ? '' : '?'}: ${bodyType(operation, body)};`] : []),
  ].join('\n');
  return `  /** ${operation.method} ${operation.path}: ${operation.summary ?? operation.id} (IAM action ${operation.actionId ?? 'not stated'}). */
  ${operation.id}: {
    input: {${inputs ? `\n${inputs}\n    ` : ''}};
    data: ${dataType(operation)};
  };`;
}

/** @param {Client} client */
export function renderOperations({ operations }) {
  const table = Object.fromEntries(operations.map((operation) => [operation.id, runtimeOperation(operation)]));
  const conveniences = operations.flatMap(({ id, convenience }) =>
    convenience ? [`  ${convenience}: ${quote(id)};`] : [],
  );
  const paginated = operations.flatMap(({ id, pagination }) =>
    pagination ? [`  ${id}: ${quote(pagination.items)};`] : [],
  );
  const waiters = operations.flatMap(({ id, waiters: own = {} }) =>
    Object.entries(own).map(
      ([name, waiter]) => `  ${name}: { operation: ${quote(id)}; gone: ${waiter.notFound === 'success'} };`,
    ),
  );
  return `${HEADER_COMMENT}
import type { OperationTable } from '@scp-ske/client';
import type { operations as SpecOperations } from './openapi.js';

/** Every operation of this version, as data: \`createSkeClient\` turns each into a method. */
export const OPERATIONS = ${JSON.stringify(table, null, 2)} as const satisfies OperationTable;

/** Every operation's arguments (camelCase; a request body as \`body\`) and success body, typed from the spec. */
export interface Operations {
${operations.map(operationTypes).join('\n')}
}

/** The kubeconfig conveniences (\`x-scp-convenience\`): method name → the operation it is built on. */
export interface Conveniences {
${conveniences.join('\n')}
}

/** The lists that page (\`x-scp-pagination\`): operationId → the property holding its items (\`client.paginate\`). */
export interface Paginated {
${paginated.join('\n')}
}

/** The waiters (\`x-scp-waiters\`): name → the operation it polls, and whether it waits for the resource to be gone (\`client.waitUntil\`). */
export interface Waiters {
${waiters.join('\n')}
}
`;
}
