/**
 * `T` readonly all the way down. Contract types are inferred from their zod schemas (one source),
 * and zod infers mutable objects; values of a decision are never changed after they are built.
 */
export type Immutable<T> = T extends Date | string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? readonly Immutable<E>[]
    : { readonly [K in keyof T]: Immutable<T[K]> };
