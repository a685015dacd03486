/**
 * `npm run emulator`: serves the emulated gallery API until stopped. Prints one JSON line with the
 * endpoint and the CA certificate path; point clients at it with NODE_EXTRA_CA_CERTS=<caCertPath>.
 *
 * Environment: EMULATOR_PORT, EMULATOR_CERT_DIR, EMULATOR_RESOURCE_GROUPS ("sub/rg,sub/rg2"),
 * EMULATOR_OPERATION_MS (default 25; 0 answers synchronously), EMULATOR_REPLICATION_MS_PER_REGION,
 * EMULATOR_RETRY_AFTER_SECONDS, EMULATOR_ECHO ("asWritten" or "recased"), EMULATOR_CLOUD
 * ("AzureCloud" or "AzureUSGovernment").
 */
import { ECHO_STYLES, EchoStyle } from "./echo";
import { CLOUDS, Cloud } from "./regions";
import { startEmulator } from "./server";

function echoStyle(): EchoStyle | undefined {
    const v = process.env.EMULATOR_ECHO;
    if (v === undefined || v === "") return undefined;
    const style = ECHO_STYLES.find((s) => s.toLowerCase() === v.toLowerCase());
    if (!style) throw new Error(`EMULATOR_ECHO must be one of ${ECHO_STYLES.join(", ")}; got '${v}'.`);
    return style;
}

function cloud(): Cloud | undefined {
    const v = process.env.EMULATOR_CLOUD;
    if (v === undefined || v === "") return undefined;
    const found = CLOUDS.find((c) => c.toLowerCase() === v.toLowerCase());
    if (!found) throw new Error(`EMULATOR_CLOUD must be one of ${CLOUDS.join(", ")}; got '${v}'.`);
    return found;
}

function num(name: string): number | undefined {
    const v = process.env[name];
    return v === undefined || v === "" ? undefined : Number(v);
}

async function main(): Promise<void> {
    const emulator = await startEmulator({
        port: num("EMULATOR_PORT"),
        certDir: process.env.EMULATOR_CERT_DIR || undefined,
        resourceGroups: (process.env.EMULATOR_RESOURCE_GROUPS ?? "").split(",").filter(Boolean),
        operationMs: num("EMULATOR_OPERATION_MS"),
        replicationMsPerRegion: num("EMULATOR_REPLICATION_MS_PER_REGION") ?? 2000,
        retryAfterSeconds: num("EMULATOR_RETRY_AFTER_SECONDS"),
        echo: echoStyle(),
        cloud: cloud(),
    });
    process.stdout.write(JSON.stringify({ endpoint: emulator.endpoint, caCertPath: emulator.caCertPath }) + "\n");
    const stop = () => void emulator.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
});
