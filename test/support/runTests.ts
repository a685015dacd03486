/**
 * `npm test`: makes a fresh CA for the emulator, then runs mocha with NODE_EXTRA_CA_CERTS pointing at
 * it (the whole suite, or only the compiled test files named after it), so the real SDK (and every process a test starts) verifies the emulator's TLS like any server's.
 * What the environment itself had in NODE_EXTRA_CA_CERTS (a proxy's CA, say) is handed on as
 * INHERITED_NODE_EXTRA_CA_CERTS, for the tests that run npm against the registry as a user would.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";
import { ensureCa } from "../../emulator/cert";

/** Filling the cache takes about a second; a minute means the host never got to print its port. */
const WARM_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
    const root = path.resolve(__dirname, "../../..");
    const certDir = path.join(root, ".emulator", "ca");
    fs.rmSync(certDir, { recursive: true, force: true });
    const caCertPath = await ensureCa(certDir);
    // Every engine test starts Pulumi's provider host afresh, and a program process is started for
    // each stack; each loads the same large modules (TypeScript, @pulumi/pulumi, @azure/arm-compute).
    // Node.js 22.1+ keeps their compiled code here between processes (Node.js 20 has no such cache).
    const compileCache = process.env.NODE_COMPILE_CACHE ?? path.join(root, "node_modules", ".cache", "node-compile-cache");
    if (semver.gte(process.version, "22.1.0")) {
        // Bounded: a host that never printed its port would keep the filling process, and npm test, waiting.
        const warm = spawnSync(process.execPath, [path.join(__dirname, "warmHost.js")], {
            cwd: root,
            stdio: ["ignore", "inherit", "pipe"],
            env: { ...process.env, NODE_COMPILE_CACHE: compileCache },
            timeout: WARM_TIMEOUT_MS,
        });
        if (warm.status !== 0) {
            const lines = String(warm.stderr ?? "").split("\n");
            const why = warm.error?.message ?? lines.find((l) => /^\w*Error\b/.test(l)) ?? `exit ${warm.status ?? warm.signal}`;
            console.warn(`The compile cache was not filled (${why}); the suite runs without it.`);
        }
    }
    const mocha = require.resolve("mocha/bin/mocha.js");
    // Files named on the command line run alone (mocha would add them to .mocharc's whole suite).
    const files = process.argv.slice(2).filter((a) => a.endsWith(".js"));
    const options = files.length > 0 ? ["--no-config", "--timeout", "60000", "--exit", "--reporter", "spec"] : [];
    const result = spawnSync(process.execPath, [mocha, ...options, ...process.argv.slice(2)], {
        cwd: root,
        stdio: "inherit",
        env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: caCertPath,
            EMULATOR_CERT_DIR: certDir,
            // The emulator answers `Retry-After: 0`, which the SDK takes as no hint and polls every 2 s;
            // the provider's own setting polls its operations every 50 ms instead (hosts inherit it).
            AZURE_GALLERY_POLL_INTERVAL_SECONDS: process.env.AZURE_GALLERY_POLL_INTERVAL_SECONDS ?? "0.05",
            NODE_COMPILE_CACHE: compileCache,
            ...(process.env.NODE_EXTRA_CA_CERTS ? { INHERITED_NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
        },
    });
    process.exit(result.status ?? 1);
}

void main();
