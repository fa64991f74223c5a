"""Local actors: the directory of EPN, médiathèques, associations and local authorities."""
