"""The H5P player's own interface strings, in the visitor's language (French first).

h5p-standalone ships English defaults; these replace the ones a pupil can meet.
"""

from django.utils.translation import gettext as _


def h5p_player_translations() -> dict:
    return {
        "H5P": {
            "fullscreen": _("Plein écran"),
            "disableFullscreen": _("Quitter le plein écran"),
            "download": _("Télécharger"),
            "copyrights": _("Droits d'utilisation"),
            "copyrightInformation": _("Droits d'utilisation"),
            "embed": _("Intégrer"),
            "size": _("Taille"),
            "showAdvanced": _("Afficher les options avancées"),
            "hideAdvanced": _("Masquer les options avancées"),
            "close": _("Fermer"),
            "title": _("Titre"),
            "author": _("Auteur"),
            "year": _("Année"),
            "source": _("Source"),
            "license": _("Licence"),
            "thumbnail": _("Vignette"),
            "noCopyrights": _(
                "Aucune information sur les droits n'est disponible pour ce contenu."
            ),
            "reuse": _("Réutiliser"),
            "reuseContent": _("Réutiliser le contenu"),
            "reuseDescription": _("Réutiliser ce contenu."),
            "contentChanged": _("Ce contenu a changé depuis votre dernière visite."),
            "startingOver": _("Vous allez recommencer depuis le début."),
            "by": _("par"),
            "showMore": _("Afficher plus"),
            "showLess": _("Afficher moins"),
            "confirmDialogHeader": _("Confirmer l'action"),
            "confirmDialogBody": _(
                "Confirmez-vous vouloir continuer ? Cette action est irréversible."
            ),
            "cancelLabel": _("Annuler"),
            "confirmLabel": _("Confirmer"),
            "connectionLost": _(
                "Connexion perdue. Vos résultats seront envoyés dès le retour de la connexion."
            ),
            "connectionReestablished": _("Connexion rétablie."),
            "resubmitScores": _("Envoi des résultats enregistrés…"),
            "offlineDialogHeader": _("La connexion au serveur a été perdue"),
            "offlineDialogBody": _(
                "Vos résultats n'ont pas pu être envoyés. Vérifiez votre connexion internet."
            ),
            "offlineDialogRetryMessage": _("Nouvel essai dans :num…"),
            "offlineDialogRetryButtonLabel": _("Réessayer maintenant"),
            "offlineSuccessfulSubmit": _("Résultats envoyés."),
        }
    }
