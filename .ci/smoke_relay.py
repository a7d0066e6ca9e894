"""A TCP relay for the smoke test (.ci/smoke.sh): 127.0.0.1:PORT -> the Elasticsearch node. Stopping it is what
the application sees of an Elasticsearch outage (connection refused) without stopping a node others may share.

    python .ci/smoke_relay.py PORT http://127.0.0.1:9200 PIDFILE
"""

import asyncio
import os
import sys
from urllib.parse import urlsplit


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main(port: int, target: str, pidfile: str) -> None:
    parts = urlsplit(target)
    host, target_port = parts.hostname or "127.0.0.1", parts.port or 9200

    async def handle(client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", port, reuse_address=True)
    with open(pidfile, "w") as handle_file:
        handle_file.write(str(os.getpid()))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3]))
