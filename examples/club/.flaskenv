# What a student passes to flask --app, from inside this folder
FLASK_APP=club:create_app()
