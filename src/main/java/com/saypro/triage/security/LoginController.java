package com.saypro.triage.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security checks what it posts. */
@Controller
class LoginController {

    static final String LOGIN = "login";

    @GetMapping("/login")
    String login(Authentication signedIn) {
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        return LOGIN;
    }
}
