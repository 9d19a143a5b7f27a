# Solution of "Decode S3 keys" (Python): runs unchanged on AWS Lambda (python3.13).
from urllib.parse import unquote_plus


def lambda_handler(event, context):
    record = event["Records"][0]["s3"]
    bucket = record["bucket"]["name"]
    # unquote_plus turns "+" into a space and %XX escapes (UTF-8) into characters;
    # unquote alone would leave every "+" in place.
    key = unquote_plus(record["object"]["key"])
    print(f"new object s3://{bucket}/{key}")
    return {"bucket": bucket, "key": key}
