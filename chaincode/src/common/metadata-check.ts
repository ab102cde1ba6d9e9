// Compile-time checks that a contract metadata class declares exactly the fields of its @bia/model type.
// `implements` already proves the class has every model field with a compatible type; this proves it adds none.

/** true when Class declares no field that Model lacks. */
export type NoExtraKeys<Class, Model> = [Exclude<keyof Class, keyof Model>] extends [never] ? true : false;

/** Fails to compile unless its argument is true. */
export type Check<T extends true> = T;
