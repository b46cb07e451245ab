/*
 * grade_xml - read the XML log Check writes (srunner_set_xml), the one
 * channel results come through.  The runner process writes it; test
 * processes cannot (co_check.c closes it in them).  Only the shape Check
 * 0.15 writes is understood:
 *
 *   <test result="success|failure|error">
 *     <fn>file:line</fn> <id>test name</id> <iteration>0</iteration>
 *     <duration>-1.000000</duration>       (-1: the test never returned)
 *     <description>tcase</description> <message>text</message>
 *   </test>
 */
#ifndef GRADE_XML_H
#define GRADE_XML_H

#include <stddef.h>

enum grade_xml_result { GRADE_XML_SUCCESS, GRADE_XML_FAILURE, GRADE_XML_ERROR };

struct grade_xml_test {
    char *id;                        /* the test function's name */
    char *tcase;                     /* its tcase */
    char *message;                   /* Check's message, unescaped */
    char *fn;                        /* "file:line" of the last check */
    enum grade_xml_result result;
    double duration;                 /* seconds; < 0 if it never returned */
    int iteration;
};

struct grade_xml_log {
    struct grade_xml_test *tests;    /* in the order they ran */
    size_t n;
    int complete;                    /* the closing </testsuites> is there */
};

/* Parse text (NUL-terminated).  Unparseable records are skipped. */
void grade_xml_parse(const char *text, struct grade_xml_log *log);
void grade_xml_free(struct grade_xml_log *log);

#endif
