declare module "require-from-string" {
    /** Compiles `code` as a CommonJS module and returns its exports (what Pulumi's dynamic-provider host does). */
    function requireFromString(code: string, filename?: string): unknown;
    export = requireFromString;
}
