/** Running code as on a machine in another time zone, for the tests that dates must not depend on it. */

/** Zones far from UTC, of every kind: +13:45 in summer, a half and three quarters of an hour, the first and the last on the clock. */
export const ZONES = ["UTC", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "Etc/GMT+12"];

/** Runs `f` as on a machine whose time zone is `zone` (Node.js reads TZ again when it is assigned). */
export async function inZone<T>(zone: string, f: () => Promise<T>): Promise<T> {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
        return await f();
    } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
    }
}
