#!/usr/bin/env node
/**
 * `npx azure-compute-gallery status <gallery resource id> [--json]`: each image definition and VM
 * application of a gallery, its versions region by region, and the version `latest` resolves to in
 * each region. Settings and credentials come from the environment, the variables the provider reads
 * (ARM_SUBSCRIPTION_ID, ARM_ENDPOINT, ARM_ACCESS_TOKEN, ARM_CLIENT_ID, …: provider/azure/settings.ts).
 * Exit status: 0 done, 1 Azure refused or could not be reached, 2 a bad command line or gallery id.
 */
import { addressFromId } from "../armIds";
import { galleryStatus } from "../functions/reading";
import { statusTable } from "../functions/table";

const USAGE = `usage: azure-compute-gallery status <gallery resource id> [--json]

  Each image definition and VM application of the gallery: its versions (rows) by region (columns),
  with replication, end of life, excludeFromLatest and the version latest resolves to in each region.
  --json   the same as JSON

  The gallery id: /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/galleries/{galleryName}
  Settings and credentials from the environment, as the provider reads them: ARM_ENDPOINT or
  ARM_ENVIRONMENT, ARM_ACCESS_TOKEN, or a login (ARM_CLIENT_ID, ARM_TENANT_ID, ARM_CLIENT_SECRET, ARM_USE_OIDC, ARM_USE_MSI, …).`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<string> {
    if (argv.includes("--help") || argv.includes("-h")) return USAGE;
    const flags = argv.filter((a) => a.startsWith("--"));
    const words = argv.filter((a) => !a.startsWith("--"));
    const unknown = flags.filter((f) => f !== "--json");
    if (words[0] !== "status" || words.length !== 2 || unknown.length > 0) {
        const why = unknown.length > 0 ? `unknown option ${unknown.join(", ")}` : words[0] !== "status" ? `unknown command "${words[0] ?? ""}"` : "status takes one gallery resource id";
        throw new UsageError(`${why}\n\n${USAGE}`);
    }
    let names;
    try {
        names = addressFromId("Gallery", [{ type: "galleries", field: "galleryName" }], words[1], "status");
    } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const status = await galleryStatus({ subscriptionId: String(names.subscriptionId), config: () => undefined }, String(names.resourceGroupName), String(names.galleryName), new Date());
    return flags.includes("--json") ? JSON.stringify(status, null, 2) : statusTable(status);
}

main(process.argv.slice(2)).then(
    (out) => {
        process.stdout.write(`${out}\n`);
    },
    (e: unknown) => {
        process.stderr.write(`azure-compute-gallery: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = e instanceof UsageError ? 2 : 1;
    },
);
