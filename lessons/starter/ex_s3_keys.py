# Exercise "Decode S3 keys" (Python): runs unchanged on AWS Lambda (python3.13).
#
# S3 puts the object key into the event URL-encoded, the way HTML forms encode text: a space
# arrives as "+", a real "+" as "%2B", and "é" as "%C3%A9". Used as it is, the key names an
# object that does not exist, and reading it fails with NoSuchKey.
#
# Your task: return {"bucket": ..., "key": ...} with the key as the uploader named it.


def lambda_handler(event, context):
    record = event["Records"][0]["s3"]
    bucket = record["bucket"]["name"]
    key = record["object"]["key"]  # TODO: still URL-encoded
    print(f"new object s3://{bucket}/{key}")
    return {"bucket": bucket, "key": key}
