"""The same static file, with ``SEND_FILE_MAX_AGE_DEFAULT`` set to one hour.

Flask then lets browsers reuse the file for that long without asking.
"""

from flask import Flask

app = Flask(__name__)
app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
