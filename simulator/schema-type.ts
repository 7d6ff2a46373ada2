// The TypeScript type of a JSON Schema written `as const`, for the subset the control API's body schemas use
// (objects with properties and required, arrays, enums, and string / integer / number / boolean / null types),
// so a body's type is read from the schema that checks it instead of being written a second time.

type Primitive<T> = T extends "string"
  ? string
  : T extends "integer" | "number"
    ? number
    : T extends "boolean"
      ? boolean
      : T extends "null"
        ? null
        : never;

type RequiredKeys<S> = S extends { required: readonly (infer K)[] } ? K : never;

type ObjectOf<P, R> = { [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & {
  [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]>;
};

/** The values a schema accepts, as a type. */
export type FromSchema<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { type: "object"; properties: infer P }
    ? ObjectOf<P, RequiredKeys<S>>
    : S extends { type: "array"; items: infer I }
      ? FromSchema<I>[]
      : S extends { type: readonly (infer T)[] }
        ? Primitive<T>
        : S extends { type: infer T }
          ? Primitive<T>
          : unknown;
