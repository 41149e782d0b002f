use fcode_core::reconcile::Class;

use super::toggle_in;

#[test]
fn chips_keep_a_canonical_order() {
    let mut chosen = vec![Class::Expired];
    toggle_in(&mut chosen, Class::Redeemed, &Class::ALL);
    assert_eq!(chosen, vec![Class::Redeemed, Class::Expired]);
    toggle_in(&mut chosen, Class::Expired, &Class::ALL);
    assert_eq!(chosen, vec![Class::Redeemed]);
}
