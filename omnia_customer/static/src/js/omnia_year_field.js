odoo.define('omnia_customer.omnia_year_field', function (require) {
"use strict";

/**
 * A year shown as a year: "2027", not "2 027" as the integer widget groups
 * the thousands in the user's language.
 */
var basicFields = require('web.basic_fields');
var fieldRegistry = require('web.field_registry');

var FieldYear = basicFields.FieldInteger.extend({
    _formatValue: function (value) {
        if (typeof value === 'number') {
            return String(value);
        }
        return this._super.apply(this, arguments);
    },
});

fieldRegistry.add('omnia_year', FieldYear);

return FieldYear;
});
