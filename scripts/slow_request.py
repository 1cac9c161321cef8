#!/usr/bin/env python3
"""A slowloris client against a node's RPC, for docs/RELIABILITY.md ("Per-client limits and request deadlines (D4)").

    python3 scripts/slow_request.py --port 8645 --every 1 --limit 60

sends a JSON-RPC request's head at once (with --trickle-head, byte by byte too), then its body one byte every
--every seconds, and says whether and when the node closed the connection, or that it was still open after --limit
seconds. Standard library only.
"""
import argparse, json, socket, time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8645)
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("--limit", type=float, default=60.0)
    parser.add_argument("--trickle-head", action="store_true")
    args = parser.parse_args()
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "pm_getAccount", "params": {"address": "x" * 400}}).encode()
    head = (f"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    connection = socket.create_connection(("127.0.0.1", args.port))
    if args.trickle_head:
        trickled = head + body
    else:
        connection.sendall(head)
        trickled = body
    connection.settimeout(args.every)
    start, sent = time.time(), 0
    while sent < len(trickled) and time.time() - start < args.limit:
        try:
            connection.send(trickled[sent:sent + 1])
            sent += 1
            if connection.recv(4096) == b"":
                print(f"closed by the node after {time.time() - start:.1f} s, {sent} of {len(trickled)} bytes trickled")
                return
        except socket.timeout:
            continue
        except OSError as error:
            print(f"cut by the node after {time.time() - start:.1f} s ({error}), {sent} of {len(trickled)} bytes trickled")
            return
    print(f"still open after {time.time() - start:.1f} s, {sent} of {len(trickled)} bytes trickled")


if __name__ == "__main__":
    main()
