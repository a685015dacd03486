/** The public REST spec data vendored in `test/azure-spec/` (provenance in its README and examples/SOURCES.tsv). */
import * as fs from "fs";
import * as path from "path";

/** Compiled tests run from dist/test/…; the data stays in the source tree. */
export const AZURE_SPEC_DIR = path.resolve(__dirname, "../../../test/azure-spec");
export const EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "galleryExamples");

export interface Example {
    parameters: Record<string, unknown>;
    responses: Record<string, { body?: unknown; headers?: Record<string, string> }>;
}

/** Every official example, by file name. */
export function officialExamples(): { file: string; example: Example }[] {
    return fs
        .readdirSync(EXAMPLES_DIR)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((file) => ({ file, example: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8")) as Example }));
}
