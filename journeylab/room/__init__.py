"""The live room: participants score emotions and vote with dots from their own phones.

A small web server in its own process (``python -m journeylab.room --workshop FOLDER``)
serves one page to the phones, with no account and no Jupyter. It talks to the facilitator's
kernel through files only, in the workshop's room folder (:func:`places.room_folder`): the
kernel writes the open round (``round.json``), the server is the only writer of the ballot
log (``ballots.jsonl``) and says where it listens in ``server.json``.
"""
