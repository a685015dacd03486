/** The public REST spec data vendored in `test/azure-spec/` (provenance in its README and examples/SOURCES.tsv). */
import * as path from "path";

/** Compiled tests run from dist/test/…; the data stays in the source tree. */
export const AZURE_SPEC_DIR = path.resolve(__dirname, "../../../test/azure-spec");
export const EXAMPLES_DIR = path.join(AZURE_SPEC_DIR, "examples", "galleryExamples");
