/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-outcome-form.c: ONS4 and SWEMWBS, asked at first contact or at review.
 *
 * ONS4: four questions in the ONS's words, each 0 to 10, kept and shown separately (never
 * added up). SWEMWBS: seven statements, each answered None of the time (1) to All of the
 * time (5); all seven make a raw score of 7 to 35, shown as Warwick's metric score. A
 * question not asked is left blank ("–"). Each answer is a number typed into its box:
 * Tab, a digit, Tab, a digit… is the quickest way through with the person on the phone.
 * At review, the change from first contact is shown against the meaningful-change
 * threshold (2.87 metric points, Shah et al. 2018).
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "sp-caseload-view.h"
#include "sp-form-rows.h"
#include "sp-outcome-form.h"
#include "sp-referral-page.h"

struct _SpOutcomeForm
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  char *referral_id;
  gboolean review;
  GtkWidget *day;
  GtkWidget *ons4[SP_ONS4_N_QUESTIONS];
  GtkWidget *swemwbs[SP_SWEMWBS_N_ITEMS];
  GtkWidget *score_row;
};

G_DEFINE_FINAL_TYPE (SpOutcomeForm, sp_outcome_form, ADW_TYPE_BIN)

/* ---- saying what was found ------------------------------------------------------------------ */

/* "SWEMWBS 20.73 (raw 23) · Life satisfaction 6 (medium), … · 2026-03-05", or "Not recorded". */
char *
sp_outcome_describe (const SpOutcome *o)
{
  g_autoptr (GString) ons4 = g_string_new (NULL);
  g_autofree char *swemwbs = NULL;
  g_autofree char *day = o->taken_on != 0 ? sp_day_format (o->taken_on) : NULL;
  int raw = sp_outcome_swemwbs_raw (o);

  if (raw > 0)
    swemwbs = g_strdup_printf (_("SWEMWBS %.2f (raw %d)"), sp_swemwbs_metric (raw), raw);
  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    if (o->ons4[q] >= 0)
      g_string_append_printf (ons4, "%s%s %d (%s)", ons4->len > 0 ? ", " : "", sp_ons4_question_short (q), o->ons4[q],
                              sp_ons4_band (q, o->ons4[q]));
  if (swemwbs == NULL && ons4->len == 0)
    return g_strdup (_("Not recorded"));
  return g_strdup_printf ("%s%s%s%s%s", swemwbs != NULL ? swemwbs : "", swemwbs != NULL && ons4->len > 0 ? " · " : "",
                          ons4->str, day != NULL ? " · " : "", day != NULL ? day : "");
}

/**
 * sp_outcome_describe_changes:
 *
 * Returns: (transfer full) (element-type utf8): pairs of title and text, one pair for each
 *   measure both sittings have: SWEMWBS against the meaningful-change threshold, then each
 *   ONS4 question apart
 */
GPtrArray *
sp_outcome_describe_changes (const SpOutcome *first,
                             const SpOutcome *review)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  int raw_first = sp_outcome_swemwbs_raw (first);
  int raw_review = sp_outcome_swemwbs_raw (review);

  if (raw_first > 0 && raw_review > 0)
    {
      double a = sp_swemwbs_metric (raw_first), b = sp_swemwbs_metric (raw_review);
      g_autofree char *judged = NULL;

      if (!sp_swemwbs_is_meaningful (b - a))
        judged = g_strdup_printf (_("within %.2f: not a meaningful change"), SP_SWEMWBS_MEANINGFUL_CHANGE);
      else if (b > a)
        judged = g_strdup_printf (_("a meaningful improvement (%.2f or more)"), SP_SWEMWBS_MEANINGFUL_CHANGE);
      else
        judged = g_strdup_printf (_("a meaningful decline (%.2f or more)"), SP_SWEMWBS_MEANINGFUL_CHANGE);

      g_ptr_array_add (lines, g_strdup (_("SWEMWBS change")));
      g_ptr_array_add (lines, g_strdup_printf ("%.2f → %.2f, %+.2f: %s", a, b, b - a, judged));
    }
  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    if (first->ons4[q] >= 0 && review->ons4[q] >= 0)
      {
        double better = sp_ons4_improvement (q, first->ons4[q], review->ons4[q]);
        g_ptr_array_add (lines, g_strdup_printf (_("%s change"), sp_ons4_question_short (q)));
        g_ptr_array_add (lines, g_strdup_printf ("%d → %d: %s", first->ons4[q], review->ons4[q],
                                                 better > 0 ? _("better") : better < 0 ? _("worse") : _("the same")));
      }
  return lines;
}

/* ---- the answers ------------------------------------------------------------------------------ */

/* A blank answer shows as a dash; typing a number replaces it. */
static gboolean
answer_output (GtkSpinButton *spin,
               gpointer       data)
{
  int value = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = NULL;

  if (value < (int) GPOINTER_TO_INT (data))
    text = g_strdup ("–");
  else
    text = g_strdup_printf ("%d", value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
answer_input (GtkSpinButton *spin,
              double        *value,
              gpointer       data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0' && !g_str_equal (text, "–") && !g_str_equal (text, "-"))
    return FALSE;
  *value = GPOINTER_TO_INT (data) - 1;
  return TRUE;
}

static void
answer_changed (GtkSpinButton *spin,
                SpOutcomeForm *self);

/* A row asking @question, answered @lowest … @highest (one below: not asked). */
static GtkWidget *
answer_row (SpOutcomeForm       *self,
            AdwPreferencesGroup *group,
            const char          *question,
            int                  lowest,
            int                  highest,
            int                  value)
{
  GtkWidget *row = sp_form_info_row (group, question, NULL);
  GtkWidget *spin = gtk_spin_button_new_with_range (lowest - 1, highest, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  g_signal_connect (spin, "output", G_CALLBACK (answer_output), GINT_TO_POINTER (lowest));
  g_signal_connect (spin, "input", G_CALLBACK (answer_input), GINT_TO_POINTER (lowest));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value >= lowest ? value : lowest - 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 2);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, question, -1);
  g_object_set_data (G_OBJECT (spin), "row", row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  /* Tab goes from answer to answer, not to each row and then its answer. */
  gtk_widget_set_focusable (row, FALSE);
  g_signal_connect (spin, "value-changed", G_CALLBACK (answer_changed), self);
  return spin;
}

static int
answer_of (GtkWidget *spin)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
}

/* What the answers say so far: each answer in words, and the SWEMWBS score. */
static void
describe_answers (SpOutcomeForm *self)
{
  gint8 items[SP_SWEMWBS_N_ITEMS];
  SpReferral *r = sp_referral_store_get_referral (self->store, self->referral_id);
  g_autofree char *score = NULL;
  int raw;

  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    {
      const char *nought, *ten, *band = sp_ons4_band (q, answer_of (self->ons4[q]));
      g_autofree char *ends = NULL;

      sp_ons4_scale_ends (q, &nought, &ten);
      ends = g_strdup_printf (_("Not asked yet: 0 is %s, 10 is %s"), nought, ten);
      adw_action_row_set_subtitle (g_object_get_data (G_OBJECT (self->ons4[q]), "row"), band != NULL ? band : ends);
    }
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    {
      const char *words = sp_swemwbs_answer_label (answer_of (self->swemwbs[i]));
      items[i] = answer_of (self->swemwbs[i]);
      adw_action_row_set_subtitle (g_object_get_data (G_OBJECT (self->swemwbs[i]), "row"),
                                   words != NULL ? words : _("Not asked yet: 1 none of the time … 5 all of the time"));
    }
  raw = sp_swemwbs_raw_from_items (items);
  if (raw == 0)
    score = g_strdup (_("Answer all seven for a score"));
  else if (self->review && r != NULL && sp_outcome_swemwbs_raw (&r->first) > 0)
    {
      double change = sp_swemwbs_metric (raw) - sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->first));
      score = g_strdup_printf (_("%.2f (raw %d); %+.2f since first contact: %s"), sp_swemwbs_metric (raw), raw, change,
                               sp_swemwbs_is_meaningful (change) ? _("meaningful") : _("not meaningful (under 2.87)"));
    }
  else
    score = g_strdup_printf (_("%.2f (raw %d)"), sp_swemwbs_metric (raw), raw);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->score_row), score);
}

static void
answer_changed (GtkSpinButton *spin,
                SpOutcomeForm *self)
{
  if (self->score_row != NULL)
    describe_answers (self);
}

/* ---- saving ------------------------------------------------------------------------------------ */

static void
back_to_referral (SpOutcomeForm *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SP_TYPE_CASELOAD_VIEW);

  if (view != NULL)
    sp_caseload_view_show_referral_at (SP_CASELOAD_VIEW (view), self->referral_id,
                                       self->review ? "outcome-review" : "outcome-first");
}

static void
save_clicked (SpOutcomeForm *self)
{
  SpReferral *r = sp_referral_store_get_referral (self->store, self->referral_id);
  g_autoptr (SpReferral) copy = NULL;
  SpOutcome outcome;
  SpDay day = sp_form_get_day (self->day);

  if (r == NULL)
    return;
  sp_outcome_clear (&outcome);
  outcome.taken_on = day;
  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    outcome.ons4[q] = answer_of (self->ons4[q]);
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    outcome.swemwbs[i] = answer_of (self->swemwbs[i]);
  if (day == 0 || day > sp_link_worker_window_get_today (self->window))
    {
      sp_link_worker_window_toast (self->window, _("Give the day the questions were asked, YYYY-MM-DD."));
      return;
    }
  copy = sp_referral_copy (r);
  if (self->review)
    copy->review = outcome;
  else
    copy->first = outcome;
  if (sp_referral_page_save_copy (self->window, self->store, copy))
    back_to_referral (self);
}

/* ---- the form -------------------------------------------------------------------------------- */

static void
build (SpOutcomeForm *self,
       SpReferral    *r)
{
  const SpOutcome *o = self->review ? &r->review : &r->first;
  g_autofree char *day = sp_day_format (o->taken_on != 0 ? o->taken_on : sp_link_worker_window_get_today (self->window));
  GtkBox *column;
  GtkWidget *page = sp_form_page_new (&column);
  AdwPreferencesGroup *group;
  GtkWidget *save, *cancel;

  gtk_box_append (column, sp_form_header_new (self->review ? _("Wellbeing at Review") : _("Wellbeing at First Contact"),
                                              _("Back to the referral"), G_CALLBACK (back_to_referral), self));
  group = sp_form_group_new (column, NULL, NULL);
  self->day = sp_form_entry_row (group, _("Day asked (YYYY-MM-DD)"), day);
  group = sp_form_group_new (column, _("ONS4 personal wellbeing"),
                             _("Type each answer, 0 to 10, and Tab to the next. Leave a question blank if it was not "
                               "asked."));
  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    self->ons4[q] = answer_row (self, group, sp_ons4_question_text (q), 0, 10, o->ons4[q]);
  group = sp_form_group_new (column, _("SWEMWBS"),
                             _("Over the last two weeks… 1 None of the time, 2 Rarely, 3 Some of the time, 4 Often, "
                               "5 All of the time."));
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    self->swemwbs[i] = answer_row (self, group, sp_swemwbs_item_text (i), 1, 5, o->swemwbs[i]);
  self->score_row = sp_form_info_row (group, _("SWEMWBS score"), NULL);
  save = sp_form_button_new (_("_Save"), TRUE, G_CALLBACK (save_clicked), self);
  cancel = sp_form_button_new (_("_Cancel"), FALSE, G_CALLBACK (back_to_referral), self);
  gtk_box_append (column, sp_form_buttons_new (save, cancel, NULL));
  sp_form_bin_replace (ADW_BIN (self), page);
  describe_answers (self);
  g_object_set_data (G_OBJECT (self), "sp-first-focus", self->ons4[0]);
}

static void
sp_outcome_form_finalize (GObject *object)
{
  SpOutcomeForm *self = SP_OUTCOME_FORM (object);

  g_clear_object (&self->store);
  g_free (self->referral_id);
  G_OBJECT_CLASS (sp_outcome_form_parent_class)->finalize (object);
}

static void
sp_outcome_form_class_init (SpOutcomeFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_outcome_form_finalize;
}

static void
sp_outcome_form_init (SpOutcomeForm *self)
{
  sp_form_on_escape (GTK_WIDGET (self), G_CALLBACK (back_to_referral), self);
}

/* The form for @referral_id's outcome at first contact, or at review, filled in with what
 * was recorded before. */
SpOutcomeForm *
sp_outcome_form_new (SpLinkWorkerWindow *window,
                     SpReferralStore    *store,
                     const char         *referral_id,
                     gboolean            review)
{
  SpOutcomeForm *self = g_object_new (SP_TYPE_OUTCOME_FORM, NULL);
  SpReferral *r = sp_referral_store_get_referral (store, referral_id);

  self->window = window;
  self->store = g_object_ref (store);
  self->referral_id = g_strdup (referral_id);
  self->review = review;
  if (r != NULL)
    build (self, r);
  return self;
}
