"""A real S3-compatible server on loopback for offersite's deploy tests.

moto's server mode (PyPI `moto[server]`): the S3 REST API with SigV4
signatures checked against IAM access keys, user metadata, Content-Type,
Cache-Control and MD5 ETags, in one process that needs no Docker.

    python3 s3server.py

starts it on a free port of 127.0.0.1, creates a bucket and an IAM user
allowed to use it, and prints one JSON line:
    {"endpoint": "http://127.0.0.1:PORT", "bucket": ..., "access_key": ..., "secret_key": ...}
Then it answers commands, one per line on standard input:
    dump    one JSON line: every object of the bucket with its bytes (base64),
            Content-Type, Cache-Control and user metadata, read with boto3
    log     one JSON line: the requests served since the last `log` (or the
            start), in order, as [method, path, status]; then forgets them
It stops when standard input closes.
"""

import base64
import json
import os
import sys

# The first few requests (the setup below) are let through unsigned; every
# later one must carry a valid signature of an IAM user's key.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4"
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import threading  # noqa: E402

import boto3  # noqa: E402
import werkzeug.serving  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REQUESTS = []
REQUESTS_LOCK = threading.Lock()


def log_request(handler, code="-", size="-"):
    path = handler.path.split("?", 1)[0]
    with REQUESTS_LOCK:
        REQUESTS.append([handler.command, path, int(getattr(code, "value", code))])


# Record every request instead of printing it.
werkzeug.serving.WSGIRequestHandler.log_request = log_request

BUCKET = "offers-site"


def main():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    setup = dict(endpoint_url=endpoint, region_name="us-east-1",
                 aws_access_key_id="setup", aws_secret_access_key="setup")
    iam = boto3.client("iam", **setup)
    iam.create_user(UserName="deployer")
    iam.put_user_policy(
        UserName="deployer",
        PolicyName="site",
        PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
        }),
    )
    key = iam.create_access_key(UserName="deployer")["AccessKey"]
    boto3.client("s3", **setup).create_bucket(Bucket=BUCKET)
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id=key["AccessKeyId"],
                      aws_secret_access_key=key["SecretAccessKey"])
    print(json.dumps({
        "endpoint": endpoint,
        "bucket": BUCKET,
        "access_key": key["AccessKeyId"],
        "secret_key": key["SecretAccessKey"],
    }), flush=True)
    for line in sys.stdin:
        if line.strip() == "dump":
            with REQUESTS_LOCK:
                before = len(REQUESTS)
            objects = dump(s3)
            with REQUESTS_LOCK:
                del REQUESTS[before:]  # the dump's own requests
            print(json.dumps(objects), flush=True)
        elif line.strip() == "log":
            with REQUESTS_LOCK:
                served = list(REQUESTS)
                REQUESTS.clear()
            print(json.dumps(served), flush=True)
        else:
            print(json.dumps({"error": f"unknown command {line.strip()!r}"}), flush=True)
    server.stop()


def dump(s3):
    objects = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            got = s3.get_object(Bucket=BUCKET, Key=item["Key"])
            objects[item["Key"]] = {
                "bytes": base64.b64encode(got["Body"].read()).decode(),
                "content_type": got.get("ContentType"),
                "cache_control": got.get("CacheControl"),
                "metadata": got.get("Metadata", {}),
                "etag": got.get("ETag"),
            }
    return objects


if __name__ == "__main__":
    main()
