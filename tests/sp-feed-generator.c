/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-generator.c: realistic ORUK 3.0 feeds of any size, for benchmarks and crash tests. */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "sp-feed-generator.h"

/*
 * The services read like a real directory's: names from a stock of community
 * offers and places; descriptions of 50–200 words, first what the offer is,
 * then the practical lines every listing has; a category that fits the offer;
 * organisations shared by several services, venues shared by several
 * organisations, schedules, phones. Text is JSON-safe by construction (no
 * quotes or backslashes).
 */

/* What each kind of offer is, its category (an index into terms[]) and the sentences a
 * directory would use to describe it. A description is mostly about its own kind, with
 * the practical sentences every listing has, and now and then a line about another offer:
 * words are as common as they are in a real directory, not in every service at once. */
static const struct
{
  const char *name;
  guint term;
  const char *about[3];
} kinds[] = {
  { "Memory Café", 0, { "A relaxed monthly café for people living with memory loss or dementia and the people who care for them.",
                        "There is music, reminiscence, quizzes and a chance to talk to others who understand.",
                        "A dementia adviser comes to most sessions and can answer questions in private." } },
  { "Carers Support Group", 1, { "Carers can meet others in a similar situation, share experiences and find out about local support.",
                                 "Looking after someone can be tiring and isolating, and here you can take a break and be listened to.",
                                 "We can help you ask for a carers assessment and plan for emergencies." } },
  { "Befriending Service", 2, { "Our trained volunteers visit people at home or phone them every week to check they are keeping well.",
                                "If you feel lonely or cut off, a befriender can bring some company and a friendly chat.",
                                "Friendships often grow from a weekly visit, a walk to the shops or a cup of tea together." } },
  { "Lunch Club", 5, { "A hot two-course lunch is served every week with a choice of a vegetarian meal.",
                       "Lunch is a good way to meet people and make friends, and nobody eats alone.",
                       "Meals cost a small charge and seconds of pudding are usually on offer." } },
  { "Walking Group", 8, { "The walk lasts about an hour at an easy pace, with a café stop at the end.",
                          "Trained walk leaders set the pace so nobody is left behind.",
                          "Walking with others is a gentle way to get fitter and see the local parks." } },
  { "Money Advice Drop-in", 4, { "Advisers can help with benefits, council tax, energy bills, debts and filling in forms.",
                                 "Bring any letters you are worried about and we will go through them with you.",
                                 "Our advice is confidential, independent and free." } },
  { "Food Bank", 5, { "Our food bank gives emergency parcels to people referred by a support agency.",
                      "Parcels hold at least three days of nutritious tinned and dried food.",
                      "We can also point you to help with energy costs and money worries." } },
  { "Bereavement Support", 6, { "Trained counsellors offer one-to-one support after the death of someone close to you.",
                                "Grief affects everyone differently and there is no right way to feel.",
                                "A monthly group lets bereaved people share memories and support each other." } },
  { "Chair Exercise Class", 8, { "Sessions include gentle seated exercise to music to help strength, balance and movement.",
                                 "Every exercise can be done sitting down, so the class suits people with limited mobility.",
                                 "The instructor is trained in working with older adults and long-term conditions." } },
  { "Digital Skills Session", 11, { "Volunteers help people get online, use video calls and order repeat prescriptions safely.",
                                    "Bring your own phone, tablet or laptop, or borrow one of ours during the session.",
                                    "We go at your pace and can help you spot scams and keep your passwords safe." } },
  { "Falls Prevention Class", 13, { "A strength and balance course that lowers the risk of falls at home.",
                                    "A physiotherapist checks how you are getting on and gives exercises to do at home.",
                                    "We also talk about home safety, footwear and what to do if you fall." } },
  { "Lip-reading Class", 10, { "A friendly class for adults with hearing loss who want to learn lip-reading.",
                               "You will practise in small groups and pick up tips for managing conversations.",
                               "The room has a hearing loop and good lighting so everyone can see the tutor." } },
  { "Community Transport", 12, { "We can arrange transport for people who find it hard to get out, if you book two days ahead.",
                                 "Our accessible minibuses take people to appointments, shops and social groups.",
                                 "Drivers are volunteers who will help you to and from the door." } },
  { "Housing Advice", 3, { "Advisers help people who are homeless, facing eviction or behind with their rent.",
                           "We can help with repairs, tenancy problems and applying for social housing.",
                           "If you are at risk of losing your home, please get in touch as early as you can." } },
  { "Dementia Support", 0, { "People living with dementia and their carers can try activities in a safe, relaxed setting.",
                             "Dementia support workers offer advice after a diagnosis and help plan for the future.",
                             "We can explain what memory services are available and help you get a referral." } },
  { "Men's Shed", 2, { "A workshop where men can share skills, build and fix things and enjoy each other's company.",
                       "Woodwork, repairs and tea breaks are the heart of the shed, and no experience is needed.",
                       "Many members come along after retiring or losing a partner." } },
  { "Singing for the Brain", 0, { "Singing for the Brain uses music and song to bring people with dementia together.",
                                  "Familiar songs can help memory and lift the mood of everyone in the room.",
                                  "Carers sing too, and there is time to chat over refreshments afterwards." } },
  { "Knit and Natter", 2, { "Bring your knitting or crochet and enjoy a natter with friendly people.",
                            "Beginners are welcome and members are happy to teach.",
                            "The group knits blankets and hats for local charities." } },
  { "Wellbeing Hub", 7, { "A calm place to talk about how you are feeling and find support for your mental health.",
                          "Wellbeing workers can help with stress, low mood, anxiety and sleep.",
                          "Courses on mindfulness and confidence run throughout the year." } },
  { "Benefits Check", 4, { "A benefits check makes sure you receive everything you are entitled to.",
                           "Many older people miss out on Pension Credit, Attendance Allowance and help with council tax.",
                           "An adviser can fill in claim forms with you and challenge decisions." } },
  { "Warm Space", 7, { "A warm, welcoming room with hot drinks, newspapers and free wifi through the winter.",
                       "Drop in to keep warm, charge your phone and meet neighbours.",
                       "Staff can tell you about help with heating costs and energy bills." } },
  { "Gardening Club", 8, { "Members grow vegetables, flowers and herbs in raised beds that are easy to reach.",
                           "Gardening outdoors is good for mood, fitness and making new friends.",
                           "Tools and gloves are provided and you can take produce home." } },
  { "Tai Chi for Beginners", 8, { "Slow, flowing tai chi movements improve balance, posture and breathing.",
                                  "The class is suitable for beginners and movements can be adapted.",
                                  "Wear loose clothing and flat shoes." } },
  { "Carers Respite Break", 1, { "Respite breaks give carers a few hours off while trained staff look after the person they care for.",
                                 "The person you care for can enjoy activities while you rest or see to your own appointments.",
                                 "Breaks are planned with you so they fit your caring role." } },
  { "Hearing Aid Clinic", 10, { "Bring your NHS hearing aids for new batteries, tubing and cleaning.",
                                "Volunteers can check your hearing aid is working and show you how to look after it.",
                                "We can refer you to audiology if you need a new hearing test." } },
  { "Advocacy Service", 9, { "An independent advocate helps you speak up and be heard about your care and rights.",
                             "Advocates can come to meetings with you and make sure your views are understood.",
                             "The service is confidential and separate from health and social care." } },
  { "Debt Advice Line", 4, { "Call our debt advice line for free, confidential help with money you owe.",
                             "Advisers can talk to creditors for you and help you make a budget.",
                             "We never judge and we can help however large the debt." } },
  { "Young Carers Club", 1, { "A club where young carers aged eight to seventeen can have fun and take a break.",
                              "Young carers meet others who understand, with trips, games and activities.",
                              "Staff can talk to schools so teachers understand a young carer's situation." } },
  { "Peer Support Group", 7, { "A peer support group run by people with lived experience of mental health problems.",
                               "Members share what helps and support each other in a confidential setting.",
                               "There is no pressure to talk, and you are welcome just to listen." } },
  { "Community Kitchen", 5, { "Cook and share healthy meals on a budget with others from the neighbourhood.",
                              "A chef shows simple recipes and everyone eats together at the end.",
                              "Leftover ingredients go home with people who need them." } },
};
static const char *places[] = {
  "Tettenhall", "Bilston", "Wednesfield", "Penn", "Whitmore Reans", "Heath Town", "Low Hill",
  "Bushbury", "Ettingshall", "Blakenhall", "Fallings Park", "Pendeford", "Oxley", "Merry Hill",
  "Finchfield", "Graiseley", "Park Village", "Springfield", "Compton", "Castlecroft",
};
static const char *venues[] = {
  "Library", "Community Centre", "Methodist Church Hall", "Gurdwara", "Mosque Community Room",
  "Health Centre", "Village Hall", "Leisure Centre", "Scout Hut", "Baptist Church",
};
/* What any listing says about itself: welcome, booking, travel, access, languages. The
 * generic lines come first and are common, the specific ones rare (sentence i is used with
 * chance 0.6 / (1 + i / 3)), as in the real Bristol feed: "welcome" is in a sixth of its
 * listings, "parking" in one in forty, "Punjabi" in none. */
static const char *practical[] = {
  "We offer a friendly welcome to anyone who wants to come along.",
  "Please phone or email before your first visit so we can tell you what to expect.",
  "You do not need a referral from your doctor; just come along or give us a ring first.",
  "Tea, coffee and biscuits are provided.",
  "Volunteers are always needed, so ask us if you would like to get involved.",
  "New members often bring a friend along to their first session.",
  "You can come once to try it out before deciding whether to join.",
  "We are a registered charity and rely on grants and the generosity of local people.",
  "Booking is essential because places are limited to twelve people.",
  "The service is free for residents of the city who are aged over sixty.",
  "Family members and friends are welcome to come along with the person they look after.",
  "We work closely with GP practices, social prescribing link workers and the local council.",
  "Tell us about any dietary needs when you book and we will do our best to help.",
  "There is parking outside and the venue is on a main bus route.",
  "Sessions run during school term time and stop for the summer holidays.",
  "The number 9 and 529 buses stop a short walk from the entrance.",
  "All our staff and volunteers have been checked through the Disclosure and Barring Service.",
  "We ask for a donation of two pounds towards room hire if you can afford it.",
  "The building has a lift to the first floor and automatic doors.",
  "Large print leaflets and easy read versions are available on request.",
  "Guide dogs and assistance dogs are very welcome.",
  "Let us know if you need help filling in the registration form.",
  "Our next open day is advertised on the noticeboard and in the parish magazine.",
  "The room is quiet, well lit and has comfortable chairs with arms.",
  "A taxi firm nearby offers discounted fares to members.",
  "We keep in touch with members by text message and a monthly newsletter.",
  "Anything you tell us is kept private unless someone is at risk of harm.",
  "There is a small car park at the back, with two blue badge spaces.",
  "We close on bank holidays and for two weeks over Christmas.",
  "Our leaflet explains what happens at each session and who runs it.",
  "Our team includes trained first aiders and a safeguarding lead.",
  "We are happy to talk to your social worker or support worker if you would like us to.",
  "The centre is next to the supermarket and opposite the post office.",
  "Lunch is available for a small charge, or you can bring your own.",
  "Members of all faiths and none are made to feel at home.",
  "If the weather is bad, please ring to check that the session is going ahead.",
  "Feedback from members shapes what we offer each season.",
  "Staff speak Bengali, Gujarati and Hindi as well as English.",
  "Information is available in Punjabi, Urdu and Polish, and interpreters can be arranged.",
  "The venue has step-free access, an accessible toilet and a hearing loop at the front desk.",
};
/* Details that make each listing its own: who runs it, where exactly, how to get there. */
static const char *leaders[] = {
  "Margaret", "Sunita", "Tomasz", "Aisha", "Derek", "Gurpreet", "Helen", "Kwame", "Irene",
  "Bogdan", "Shirley", "Imran", "Pauline", "Desmond", "Harjit", "Agnieszka", "Colin", "Nasreen",
};
static const char *streets[] = {
  "Lichfield Street", "Stafford Road", "Penn Road", "Tettenhall Road", "Willenhall Road",
  "Bilston Road", "Cannock Road", "Compton Road", "Dudley Road", "Griffiths Drive",
  "Broad Lane", "Coalway Road", "Showell Road", "Bushbury Lane", "Hordern Road",
};
static const char *activities[] = {
  "community work", "nursing", "teaching", "youth work", "social care", "the NHS", "music",
  "gardening", "sport coaching", "advice work", "catering", "counselling",
};
static const char *terms[][2] = {
  { "memory", "Memory & dementia" }, { "carers", "Carers" }, { "friendship", "Loneliness & friendship" },
  { "housing", "Housing & home" }, { "money", "Money & benefits" }, { "food", "Food" },
  { "bereavement", "Bereavement" }, { "wellbeing", "Mental wellbeing" }, { "active", "Getting active" },
  { "advice", "Advice & rights" }, { "senses", "Sight & hearing" }, { "digital", "Digital skills" },
  { "transport", "Transport" }, { "falls", "Falls prevention" },
};
static const char *weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA" };
static const char *languages[][2] = { { "English", "en" }, { "Punjabi", "pa" }, { "Urdu", "ur" }, { "Polish", "pl" } };

/* Deterministic UUID-shaped ids: kind of record, then its number. */
static void
append_uuid (GString *out,
             guint    kind,
             guint    n)
{
  g_string_append_printf (out, "\"%08x-%04x-4%03x-8%03x-%012x\"", 0x5190000u + kind, n >> 16 & 0xffff,
                          kind & 0xfff, n >> 4 & 0xfff, n);
}

static void
append_sentence (GString    *out,
                 const char *sentence,
                 guint      *words)
{
  g_string_append (out, sentence);
  g_string_append_c (out, ' ');
  for (const char *p = sentence; *p; p++)
    *words += *p == ' ';
  (*words)++;
}

static void
write_service (GString *out,
               GRand   *rand,
               guint    n)
{
  guint place = g_rand_int_range (rand, 0, G_N_ELEMENTS (places));
  guint kind = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));
  guint org = n / 5;
  guint venue = g_rand_int_range (rand, 0, 2000);
  guint words = 0;
  guint target_words = 50 + (guint) g_rand_int_range (rand, 0, 150);
  guint day = g_rand_int_range (rand, 0, G_N_ELEMENTS (weekdays));
  guint lang = g_rand_int_range (rand, 0, G_N_ELEMENTS (languages));
  gboolean monthly = g_rand_boolean (rand);
  guint hour = g_rand_int_range (rand, 9, 15);

  g_string_append (out, "{\"id\":");
  append_uuid (out, 1, n);
  g_string_append (out, ",\"organization_id\":");
  append_uuid (out, 2, org);
  g_string_append_printf (out, ",\"name\":\"%s %s %u\",\"description\":\"", places[place], kinds[kind].name, n);
  /* What it is first, then practical lines (each at most once), now and then a line about
   * another offer. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds[kind].about) && words < target_words; i++)
    append_sentence (out, kinds[kind].about[i], &words);
  for (guint i = 0; i < G_N_ELEMENTS (practical) && words < target_words; i++)
    {
      if (g_rand_double (rand) >= 0.6 / (1 + i / 3.0))
        continue;
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          guint other = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));
          append_sentence (out, kinds[other].about[g_rand_int_range (rand, 0, 3)], &words);
        }
      append_sentence (out, practical[i], &words);
    }
  /* The rest in the listing's own details. */
  while (words < target_words)
    {
      g_autofree char *detail = NULL;
      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          detail = g_strdup_printf ("Sessions are led by %s, who has %u years of experience in %s.",
                                    leaders[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaders))],
                                    (guint) g_rand_int_range (rand, 2, 30),
                                    activities[g_rand_int_range (rand, 0, G_N_ELEMENTS (activities))]);
          break;
        case 1:
          detail = g_strdup_printf ("We meet at number %u %s, near the %s %s.",
                                    (guint) g_rand_int_range (rand, 1, 300),
                                    streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                    places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))],
                                    venues[g_rand_int_range (rand, 0, G_N_ELEMENTS (venues))]);
          break;
        case 2:
          detail = g_strdup_printf ("The number %u bus stops on %s, about %u minutes' walk away.",
                                    (guint) g_rand_int_range (rand, 1, 80),
                                    streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                    (guint) g_rand_int_range (rand, 2, 12));
          break;
        case 3:
          detail = g_strdup_printf ("In %u we celebrated %u years of bringing people together in %s.",
                                    (guint) g_rand_int_range (rand, 2015, 2026), (guint) g_rand_int_range (rand, 2, 40),
                                    places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))]);
          break;
        case 4:
          detail = g_strdup_printf ("Around %u people come each week, and %s makes sure newcomers are introduced.",
                                    (guint) g_rand_int_range (rand, 6, 60),
                                    leaders[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaders))]);
          break;
        case 5:
          detail = g_strdup_printf ("The entrance is on %s, beside the %s.",
                                    streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                    venues[g_rand_int_range (rand, 0, G_N_ELEMENTS (venues))]);
          break;
        case 6:
          detail = g_strdup_printf ("%s and %s started the group after working in %s.",
                                    leaders[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaders))],
                                    leaders[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaders))],
                                    activities[g_rand_int_range (rand, 0, G_N_ELEMENTS (activities))]);
          break;
        default:
          detail = g_strdup_printf ("Ask for %s at reception, or call after %u o'clock on weekdays.",
                                    leaders[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaders))],
                                    (guint) g_rand_int_range (rand, 9, 12));
          break;
        }
      append_sentence (out, detail, &words);
    }
  g_string_truncate (out, out->len - 1);
  g_string_append_printf (out, "\",\"url\":\"https://service%u.example.org/\",\"email\":\"hello%u@example.org\","
                               "\"status\":\"active\",\"assured_date\":\"2026-%02u-%02u\","
                               "\"organization\":{\"id\":",
                          n, n, 1 + g_rand_int_range (rand, 0, 10), 1 + g_rand_int_range (rand, 0, 28));
  append_uuid (out, 2, org);
  g_string_append_printf (out, ",\"name\":\"%s Community Trust %u\",\"description\":\"A local charity run "
                               "by volunteers in %s.\"},\"service_at_locations\":[{\"id\":",
                          places[place], org, places[place]);
  append_uuid (out, 3, n);
  g_string_append (out, ",\"location_id\":");
  append_uuid (out, 4, venue);
  g_string_append (out, ",\"location\":{\"id\":");
  append_uuid (out, 4, venue);
  g_string_append_printf (out, ",\"location_type\":\"physical\",\"name\":\"%s %s\",\"latitude\":%.5f,"
                               "\"longitude\":%.5f,\"addresses\":[{\"id\":",
                          places[venue % G_N_ELEMENTS (places)], venues[venue % G_N_ELEMENTS (venues)],
                          52.55 + (venue % 97) * 0.0008, -2.20 + (venue % 89) * 0.0016);
  append_uuid (out, 5, venue);
  g_string_append_printf (out, ",\"address_1\":\"%u High Street\",\"city\":\"Wolverhampton\","
                               "\"state_province\":\"West Midlands\",\"postal_code\":\"WV%u %u%c%c\","
                               "\"country\":\"GB\",\"address_type\":\"physical\"}]}}],\"phones\":[{\"id\":",
                          1 + venue % 200, 1 + venue % 14, venue % 10, 'A' + venue % 26, 'B' + venue % 24);
  append_uuid (out, 6, n);
  g_string_append_printf (out, ",\"number\":\"0121 496 %04u\"}],\"schedules\":[{\"id\":", n % 1000);
  append_uuid (out, 7, n);
  if (monthly)
    g_string_append_printf (out, ",\"freq\":\"MONTHLY\",\"byday\":\"%u%s\"", 1 + n % 4, weekdays[day]);
  else
    g_string_append_printf (out, ",\"freq\":\"WEEKLY\",\"byday\":\"%s\"", weekdays[day]);
  g_string_append_printf (out, ",\"opens_at\":\"%02u:00\",\"closes_at\":\"%02u:00\",\"valid_from\":\"2026-01-01\"}],"
                               "\"languages\":[{\"id\":", hour, hour + 2);
  append_uuid (out, 8, n);
  g_string_append_printf (out, ",\"name\":\"%s\",\"code\":\"%s\"}],\"cost_options\":[{\"id\":",
                          languages[lang][0], languages[lang][1]);
  append_uuid (out, 9, n);
  g_string_append (out, ",\"option\":\"Free\",\"amount\":0,\"currency\":\"GBP\"}],\"attributes\":[{\"id\":");
  append_uuid (out, 10, n);
  g_string_append (out, ",\"taxonomy_term_id\":");
  append_uuid (out, 11, kinds[kind].term);
  g_string_append (out, ",\"taxonomy_term\":{\"id\":");
  append_uuid (out, 11, kinds[kind].term);
  g_string_append_printf (out, ",\"code\":\"%s\",\"name\":\"%s\",\"description\":\"%s\","
                               "\"taxonomy\":\"signpost-categories\"}}]}",
                          terms[kinds[kind].term][0], terms[kinds[kind].term][1], terms[kinds[kind].term][1]);
}

/**
 * sp_feed_generate:
 * Writes an ORUK 3.0 page of @n_services services to @path. The same
 * @n_services and @seed always give the same file.
 */
gboolean
sp_feed_generate (const char *path,
                  guint       n_services,
                  guint32     seed,
                  GError    **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GString) buffer = g_string_sized_new (1024 * 1024);
  FILE *out = fopen (path, "w");

  if (out == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s", path);
      return FALSE;
    }
  fprintf (out, "{\"total_items\":%u,\"total_pages\":1,\"page_number\":1,\"size\":%u,"
                "\"first_page\":true,\"last_page\":true,\"empty\":%s,\"contents\":[\n",
           n_services, n_services, n_services == 0 ? "true" : "false");
  for (guint i = 0; i < n_services; i++)
    {
      if (i > 0)
        g_string_append (buffer, ",\n");
      write_service (buffer, rand, i);
      if (buffer->len > 512 * 1024)
        {
          fwrite (buffer->str, 1, buffer->len, out);
          g_string_truncate (buffer, 0);
        }
    }
  g_string_append (buffer, "\n]}\n");
  fwrite (buffer->str, 1, buffer->len, out);
  if (fclose (out) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}
